package io.aqstream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** {@link WithKraftNode}: one node per test class, the same wherever a test asks for it, stopped after the class. */
class KraftNodeExtensionTest {
    @Test
    void oneNodeForTheWholeClassInEveryParameterStoppedAndDeletedAfterIt() {
        Sightings.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OneNodeSpec.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertEquals(List.of(), summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException()).toList());
        assertEquals(3, summary.getTestsSucceededCount());

        assertEquals(new TreeSet<>(List.of("constructor", "@BeforeAll", "@BeforeEach", "test", "@Nested test")),
                new TreeSet<>(Sightings.places()));
        Set<KraftTestNode> nodes = Sightings.nodes();
        assertEquals(1, nodes.size(), "one node everywhere: " + Sightings.ALL);
        KraftTestNode node = nodes.iterator().next();
        assertFalse(ProcessHandle.of(Sightings.pid).map(ProcessHandle::isAlive).orElse(false),
                "the node's process (pid " + Sightings.pid + ") ends with the class");
        Path folder = node.dataDir().getParent();
        assertTrue(folder.getFileName().toString().startsWith("aq-kraft-OneNodeSpec-"), folder.toString());
        assertFalse(Files.exists(folder), "its folder is deleted: " + folder);
    }

    /** Where {@link OneNodeSpec} saw which node. */
    static final class Sightings {
        static final List<Map.Entry<String, KraftTestNode>> ALL = Collections.synchronizedList(new ArrayList<>());
        static volatile long pid = -1;

        static void clear() {
            ALL.clear();
            pid = -1;
        }

        static void saw(String place, KraftTestNode node) {
            ALL.add(Map.entry(place, node));
        }

        static List<String> places() {
            return ALL.stream().map(Map.Entry::getKey).toList();
        }

        static Set<KraftTestNode> nodes() {
            Set<KraftTestNode> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
            nodes.addAll(ALL.stream().map(Map.Entry::getValue).collect(Collectors.toList()));
            return nodes;
        }
    }

    /**
     * Run only by the test above, through the launcher (a static nested class: neither Surefire nor the
     * engine runs it on its own).
     */
    @WithKraftNode
    static class OneNodeSpec {
        OneNodeSpec(KraftTestNode node) {
            Sightings.saw("constructor", node);
        }

        @BeforeAll
        static void beforeAll(KraftTestNode node) {
            Sightings.saw("@BeforeAll", node);
            Sightings.pid = node.pid();
        }

        @BeforeEach
        void beforeEach(KraftTestNode node) {
            Sightings.saw("@BeforeEach", node);
        }

        @Test
        void aTest(KraftTestNode node) {
            Sightings.saw("test", node);
            assertTrue(ProcessHandle.of(node.pid()).map(ProcessHandle::isAlive).orElse(false), "running");
        }

        @Test
        void anotherTest(KraftTestNode node) {
            Sightings.saw("test", node);
        }

        @Nested
        class Inner {
            @Test
            void aNestedTest(KraftTestNode node) {
                Sightings.saw("@Nested test", node);
            }
        }
    }
}
