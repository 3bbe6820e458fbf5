package io.beatwatch.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Lifecycle shared by the service extensions: one service per test class, started before all of its
 * tests, closed after them, injected as a parameter; {@code @Nested} classes reuse the one of their
 * enclosing class.
 */
abstract class ClassScopedService<T extends AutoCloseable>
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final Class<T> type;
    private final ExtensionContext.Namespace namespace;
    private volatile T current;

    ClassScopedService(Class<T> type) {
        this.type = type;
        this.namespace = ExtensionContext.Namespace.create(ClassScopedService.class, type);
    }

    /** Starts the service; it is ready for use when this returns. */
    abstract T startService() throws Exception;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getStore(namespace);
        T inherited = store.get(type, type);
        if (inherited != null) {
            current = inherited;
            return;
        }
        T started = startService();
        store.put(type, started);
        current = started;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // remove() sees only this context's own store, so a nested class never closes the
        // service of its enclosing class.
        T own = context.getStore(namespace).remove(type, type);
        if (own != null) {
            if (current == own) {
                current = null;
            }
            own.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        T service = context.getStore(namespace).get(type, type);
        if (service == null) {
            throw new ParameterResolutionException(
                    type.getSimpleName()
                            + " is not started: register "
                            + getClass().getSimpleName()
                            + " on the class (@ExtendWith) or in a static @RegisterExtension field");
        }
        return service;
    }

    /** The running service, for a static {@code @RegisterExtension} field's owner. */
    T current() {
        T service = current;
        if (service == null) {
            throw new IllegalStateException(
                    type.getSimpleName() + " is not running outside the test class lifecycle");
        }
        return service;
    }
}
