package io.aqstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a running {@link KraftTestNode} to a test as a parameter, of the test class's constructor, of
 * {@code @BeforeAll}, {@code @BeforeEach}, {@code @AfterEach}, {@code @AfterAll} and of test methods. Use it
 * through {@link WithKraftNode}:
 *
 * <pre>{@code
 * @WithKraftNode
 * class SomeTest {
 *     @Test
 *     void something(KraftTestNode node) { ... node.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * <p>One node per top-level test class (its {@code @Nested} classes share it): started on first use, so a
 * class that asks for none starts none, and stopped, its folder deleted, once the class is done (after its
 * {@code @AfterAll} methods), by JUnit closing the class's {@link ExtensionContext.Store}. A start takes
 * seconds, so the tests of a class share the node: each test uses its own topics, groups and transactional
 * ids, and leaves the pipeline topics as it found them. A test may kill and restart the node
 * ({@link KraftTestNode#killHard()}, {@link KraftTestNode#restart()}); it stays the class's node, on the
 * same ports.
 *
 * <p>A parameter of type {@link KraftTestCluster} gets the class's 3-node cluster instead ({@link WithKraftCluster}),
 * started, shared and stopped the same way, kept in the same store beside the single node.
 *
 * <p>The model is Kafka's {@code @ClusterTest} extension, whose tests get a {@code ClusterInstance}
 * parameter; unlike it, this one does not run each test once per cluster configuration.
 */
public final class KraftNodeExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KraftNodeExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KraftTestNode.class || type == KraftTestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext testClass = topLevelClass(context);
        String name = testClass.getRequiredTestClass().getSimpleName();
        if (parameter.getParameter().getType() == KraftTestCluster.class) {
            return testClass.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(StartedCluster.class, k -> StartedCluster.start(name), StartedCluster.class)
                    .cluster();
        }
        return testClass.getStore(NAMESPACE)
                .getOrComputeIfAbsent(StartedNode.class, k -> StartedNode.start(name), StartedNode.class)
                .node();
    }

    /**
     * Constructor parameters are resolved with the context of the test method about to run (JUnit's coming
     * default); the node is looked up in the class's context either way.
     */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /** The context of the outermost test class around {@code context}: the child of the engine's context. */
    private static ExtensionContext topLevelClass(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getParent().flatMap(ExtensionContext::getParent).isPresent()) {
            c = c.getParent().get();
        }
        if (c.getTestClass().isEmpty()) {
            throw new IllegalStateException("a KraftTestNode parameter outside a test class: " + context.getUniqueId());
        }
        return c;
    }

    /**
     * The class's node and its folder. JUnit closes {@link AutoCloseable} values of a store when the store's
     * context ends (Store.CloseableResource is deprecated since JUnit 5.13).
     */
    private record StartedNode(KraftTestNode node, Path dir) implements AutoCloseable {
        static StartedNode start(String testClass) {
            Path dir;
            try {
                dir = Files.createTempDirectory("aq-kraft-" + testClass + "-");
            } catch (IOException e) {
                throw new UncheckedIOException("no temporary folder for a KRaft test node", e);
            }
            // Its folder stays when the start fails: the error names the node's output and broker log in it.
            return new StartedNode(KraftTestNode.start(dir), dir);
        }

        @Override
        public void close() throws IOException {
            try {
                node.close();
            } finally {
                deleteTree(dir);
            }
        }
    }

    /** The class's cluster and its folder, closed like {@link StartedNode}. */
    private record StartedCluster(KraftTestCluster cluster, Path dir) implements AutoCloseable {
        static StartedCluster start(String testClass) {
            Path dir;
            try {
                dir = Files.createTempDirectory("aq-cluster-" + testClass + "-");
            } catch (IOException e) {
                throw new UncheckedIOException("no temporary folder for a KRaft test cluster", e);
            }
            return new StartedCluster(KraftTestCluster.start(dir), dir);
        }

        @Override
        public void close() throws IOException {
            try {
                cluster.close();
            } finally {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
