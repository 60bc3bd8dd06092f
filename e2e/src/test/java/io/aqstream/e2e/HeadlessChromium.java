package io.aqstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's chromium, headless, driven over the Chrome DevTools Protocol (a WebSocket, java.net.http): opens a
 * page as a person would, records every console message, uncaught exception and browser log entry, runs
 * JavaScript in it and takes screenshots. A fresh profile in a temporary folder; no network needed.
 */
final class HeadlessChromium implements AutoCloseable {
    /** Hang guards only, never performance expectations. */
    private static final long START_SECONDS = 60;
    private static final long COMMAND_SECONDS = 120;
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    HeadlessChromium(Path chromium, Path workDir, int width, int height) throws Exception {
        profile = Files.createTempDirectory(workDir, "chromium-profile-");
        process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=" + width + "," + height, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browserUrl = devToolsUrl();
        String port = URI.create(browserUrl).getPort() + "";
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String pageUrl = null;
        for (JsonNode t : targets) {
            if ("page".equals(t.get("type").asText())) {
                pageUrl = t.get("webSocketDebuggerUrl").asText();
            }
        }
        if (pageUrl == null) {
            throw new AssertionError("chromium has no page target: " + targets);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new Listener())
                .get(START_SECONDS, TimeUnit.SECONDS);
        send("Runtime.enable", null);
        send("Log.enable", null);
        send("Page.enable", null);
    }

    /** Reads chromium's stderr until it names its DevTools address, then keeps draining it in the background. */
    private String devToolsUrl() throws Exception {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        StringBuilder seen = new StringBuilder();
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    } else if (!url.isDone()) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // chromium exited
            }
            url.completeExceptionally(new AssertionError("chromium exited before DevTools listened:\n" + seen));
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return url.get(START_SECONDS, TimeUnit.SECONDS);
    }

    /** Navigates and waits for the load event (scripts of the page have run by then). */
    void open(Path file) throws Exception {
        loaded = new CompletableFuture<>();
        ObjectNode params = json.createObjectNode().put("url", file.toUri().toString());
        send("Page.navigate", params);
        loaded.get(COMMAND_SECONDS, TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression, as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", json.createObjectNode().put("expression", expression)
                .put("returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError(expression + " threw " + r.get("exceptionDetails"));
        }
        return r.at("/result/value");
    }

    /** A PNG of the area (CSS pixels, page coordinates), rendered beyond the window when needed. */
    byte[] screenshot(double width, double height) throws Exception {
        ObjectNode params = json.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.putObject("clip").put("x", 0).put("y", 0).put("width", width).put("height", height).put("scale", 1);
        return java.util.Base64.getDecoder().decode(send("Page.captureScreenshot", params).get("data").asText());
    }

    /** Console errors and warnings, uncaught exceptions and browser log errors since start. */
    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    private JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(json.writeValueAsString(message), true).get(COMMAND_SECONDS, TimeUnit.SECONDS);
        JsonNode reply = answer.get(COMMAND_SECONDS, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    private void onMessage(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(m.get("id").asInt());
            if (answer != null) {
                answer.complete(m);
            }
            return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> problems.add("exception: " + p.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("warning") || type.equals("assert")) {
                    problems.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                String level = p.at("/entry/level").asText();
                if (level.equals("error") || level.equals("warning")) {
                    problems.add("log " + level + ": " + p.at("/entry/text").asText() + " " + p.at("/entry/url").asText());
                }
            }
            default -> {
            }
        }
    }

    /** Collects a text message's frames and hands the whole message on. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    onMessage(json.readTree(text.toString()));
                } catch (IOException e) {
                    problems.add("unreadable DevTools message: " + e);
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            // Chromium's helper processes (network, GPU, renderers) outlive the browser process for a moment
            // and write into the profile: end them too, before the profile is removed.
            List<ProcessHandle> helpers = process.descendants().toList();
            process.destroy();
            helpers.forEach(ProcessHandle::destroy);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            for (ProcessHandle h : helpers) {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException stillThere) {
                    h.destroyForcibly();
                }
            }
            try (var files = Files.walk(profile)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // A file vanished while walking (seen in CI: a helper's temporary file): the run's folder is
                // deleted later anyway, and a leftover file is not what this test checks.
            }
        }
    }
}
