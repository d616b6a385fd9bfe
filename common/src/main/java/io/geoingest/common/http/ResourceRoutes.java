package io.geoingest.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The paths of the service's APIs and the methods each takes, read from the JAX-RS annotations of
 * its resources. A native image keeps those annotations only for classes registered for
 * reflection: each service lists its resources in its {@code NativeReflection}.
 */
@ApplicationScoped
public class ResourceRoutes {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{[^}]*}");

    private record Route(Pattern path, String method) {
    }

    private final List<Route> routes = new ArrayList<>();

    @Inject
    ResourceRoutes(BeanManager beans) {
        for (Class<?> resource : resourceClasses(beans)) {
            String classPath = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                Path methodPath = method.getAnnotation(Path.class);
                String template = classPath + (methodPath == null ? "" : "/" + methodPath.value());
                httpMethod(method).ifPresent(verb -> routes.add(new Route(pattern(template), verb)));
            }
        }
    }

    /** The classes that serve paths of the service: beans annotated with {@link Path}. */
    public static List<Class<?>> resourceClasses(BeanManager beans) {
        return beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .<Class<?>>map(bean -> bean.getBeanClass())
                .filter(type -> type.isAnnotationPresent(Path.class))
                .distinct()
                .toList();
    }

    /** The methods that {@code path} (as sent, percent-encoded) takes; none when it is no path of the service. */
    public Set<String> methodsOf(String path) {
        return routes.stream().filter(route -> route.path().matcher(path).matches()).map(Route::method)
                .collect(Collectors.toCollection(TreeSet::new));
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
