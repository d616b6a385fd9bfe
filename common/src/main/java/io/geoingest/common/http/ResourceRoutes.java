package io.geoingest.common.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The paths of the service's APIs and the methods each takes, read from the JAX-RS annotations of
 * its resources, including those a resource inherits from its superclasses and interfaces, as
 * JAX-RS has them inherited. A native image keeps those annotations only for classes registered
 * for reflection: each service lists its resources in its {@code NativeReflection}.
 */
@ApplicationScoped
public class ResourceRoutes {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]*}");
    /** Where Quarkus REST leaves the template of the route it matched. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    /**
     * The metrics label of a request refused before routing whose path no route has: one label for
     * all of them, written as a template so that it cannot be taken for a path that was sent.
     */
    private static final String NO_ROUTE = "/{unrouted}";

    private record Route(String template, Pattern path, String method, Endpoint endpoint) {
    }

    /** The resource method that serves a route, with the class it is served by. */
    public record Endpoint(Class<?> resource, Method method) {
    }

    private final List<Route> routes = new ArrayList<>();

    @Inject
    ResourceRoutes(BeanManager beans) {
        this(resourceClasses(beans));
    }

    ResourceRoutes(List<Class<?>> resources) {
        for (Class<?> resource : resources) {
            String classPath = pathOf(resource).orElseThrow().value();
            for (Method method : resourceMethods(resource)) {
                Path methodPath = method.getAnnotation(Path.class);
                String template = classPath + (methodPath == null ? "" : "/" + methodPath.value());
                httpMethod(method).ifPresent(verb -> routes.add(new Route(cleaned(template), pattern(template), verb,
                        new Endpoint(resource, method))));
            }
        }
    }

    /** The classes that serve paths of the service: beans with a {@link Path} of their own or inherited. */
    public static List<Class<?>> resourceClasses(BeanManager beans) {
        return beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .<Class<?>>map(bean -> bean.getBeanClass())
                .filter(type -> pathOf(type).isPresent())
                .distinct()
                .toList();
    }

    /**
     * The methods the resources declare for {@code path} (as routed, {@link RequestPaths}: percent-encoded but
     * for unreserved characters); none when it is no path of theirs.
     */
    public Set<String> declaredMethodsOf(String path) {
        return routes.stream().filter(route -> route.path().matcher(path).matches()).map(Route::method)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The template of the resource path {@code path} (as routed, as for {@link #declaredMethodsOf})
     * is an instance of, such as {@code /public/file/upload/{uploadId}/parts}; none when it is no
     * path of the service's.
     */
    public Optional<String> templateOf(String path) {
        return routes.stream().filter(route -> route.path().matcher(path).matches()).map(Route::template).findFirst();
    }

    /**
     * Leaves the template of the route {@code path} (as routed) belongs to where Quarkus REST leaves
     * the one it matched, which the HTTP metrics label a request by, or {@link #NO_ROUTE} for a path
     * that is none of the service's: a request answered before Quarkus REST routes it (a 405, a 401,
     * a 413) was labelled with the path as sent, so that anyone, without credentials, could add
     * series at will and put any text in a label; and once the metrics held their 100 labels, the
     * requests of endpoints not yet labelled went uncounted.
     */
    public void labelForMetrics(HttpServerRequest request, String path) {
        ((HttpServerRequestInternal) request).context()
                .putLocal(URL_PATH_TEMPLATE, templateOf(path).orElse(NO_ROUTE));
    }

    /** The template as Quarkus REST writes it: single slashes, none at the end. */
    private static String cleaned(String template) {
        String single = template.replaceAll("/{2,}", "/");
        return single.length() > 1 && single.endsWith("/") ? single.substring(0, single.length() - 1) : single;
    }

    /**
     * The endpoints that may serve {@code method} on {@code path} (as routed, as for
     * {@link #declaredMethodsOf}): HEAD, unless declared, by GET's, as Quarkus REST serves it.
     * None when the path does not take the method, or is no path of the service's.
     */
    public List<Endpoint> endpointsOf(String path, String method) {
        List<Endpoint> declared = declaredEndpointsOf(path, method);
        return declared.isEmpty() && method.equals(HttpMethod.HEAD) ? declaredEndpointsOf(path, HttpMethod.GET) : declared;
    }

    private List<Endpoint> declaredEndpointsOf(String path, String method) {
        return routes.stream().filter(route -> route.method().equals(method) && route.path().matcher(path).matches())
                .map(Route::endpoint).toList();
    }

    /**
     * The class's {@link Path}: its own, or else that of the first of its superclasses and
     * interfaces that has one (Quarkus REST serves a class under the path of an interface it
     * implements, or of its abstract superclass).
     */
    private static Optional<Path> pathOf(Class<?> type) {
        return supertypes(type).stream().map(supertype -> supertype.getAnnotation(Path.class))
                .filter(path -> path != null).findFirst();
    }

    /**
     * One method for each signature the class has, declared or inherited, with the JAX-RS
     * annotations that apply to it: those of its most specific declaration that has any, since an
     * override without JAX-RS annotations of its own inherits them.
     */
    private static List<Method> resourceMethods(Class<?> resource) {
        Map<String, Method> bySignature = new LinkedHashMap<>();
        for (Class<?> type : supertypes(resource)) {
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isBridge() && !method.isSynthetic() && hasJaxRsAnnotations(method)) {
                    bySignature.putIfAbsent(method.getName() + Arrays.toString(method.getParameterTypes()), method);
                }
            }
        }
        return List.copyOf(bySignature.values());
    }

    /** The type, then its superclasses, then every interface they implement, nearest first. */
    private static Set<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> supertypes = new LinkedHashSet<>();
        for (Class<?> superclass = type; superclass != null; superclass = superclass.getSuperclass()) {
            supertypes.add(superclass);
        }
        Deque<Class<?>> interfaces = new ArrayDeque<>();
        supertypes.forEach(superclass -> interfaces.addAll(List.of(superclass.getInterfaces())));
        while (!interfaces.isEmpty()) {
            Class<?> next = interfaces.poll();
            if (supertypes.add(next)) {
                interfaces.addAll(List.of(next.getInterfaces()));
            }
        }
        return supertypes;
    }

    private static boolean hasJaxRsAnnotations(Method method) {
        return method.isAnnotationPresent(Path.class) || httpMethod(method).isPresent();
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value());
            }
        }
        return Optional.empty();
    }

    /** A path parameter is one segment; a trailing slash is allowed, as Quarkus REST allows it. */
    private static Pattern pattern(String template) {
        String path = template.replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PATH_PARAMETER.matcher(path);
        int literal = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(path.substring(literal, parameter.start()))).append("[^/]+");
            literal = parameter.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(path.substring(literal))).append("/?").toString());
    }
}
