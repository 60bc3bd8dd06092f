package io.aqstream.admin;

import java.util.List;

/** One line of the health checklist: what was checked, how it went, the figures, and the fix if it failed. */
public record CheckResult(Status status, String name, String detail, List<String> fixes) {
    public enum Status {
        OK, WARN, FAIL;

        String mark() {
            switch (this) {
                case OK: return "[ OK ]";
                case WARN: return "[WARN]";
                default: return "[FAIL]";
            }
        }
    }

    public static CheckResult ok(String name, String detail) {
        return new CheckResult(Status.OK, name, detail, List.of());
    }

    public static CheckResult warn(String name, String detail, String... fixes) {
        return new CheckResult(Status.WARN, name, detail, List.of(fixes));
    }

    public static CheckResult fail(String name, String detail, String... fixes) {
        return new CheckResult(Status.FAIL, name, detail, List.of(fixes));
    }

    /** The worse of two statuses. */
    static Status worst(Status a, Status b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
