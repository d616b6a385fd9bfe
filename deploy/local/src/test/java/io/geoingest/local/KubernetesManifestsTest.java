package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes material agrees with the services: the Ingress routes every public path where the
 * local gateway does, the probes hit the health endpoints, images are named after the services,
 * and the pods run non-root on a read-only file system.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("../k8s").toAbsolutePath().normalize();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> SERVICES =
            Arrays.stream(Service.values()).map(Service::moduleName).collect(Collectors.toSet());

    @ParameterizedTest
    @MethodSource("io.geoingest.local.PublicPaths#samples")
    void ingressRoutesLikeTheGateway(String path) throws IOException {
        String expected = Routes.route(path).orElseThrow().moduleName();
        assertEquals(Optional.of(expected), ingressBackend(path), path);
    }

    @ParameterizedTest
    @MethodSource("io.geoingest.local.PublicPaths#documentation")
    void ingressSendsTheApiDocumentationPathsToTheServicesThatServeThem(String path, String service) throws IOException {
        assertEquals(Optional.of(service), ingressBackend(path), path);
    }

    @Test
    void ingressUsesTheGatewaysUploadPattern() throws IOException {
        List<String> regexPaths = ingressPaths().stream()
                .filter(path -> path.get("pathType").asText().equals("ImplementationSpecific"))
                .map(path -> path.get("path").asText()).toList();
        assertEquals(List.of(Routes.ASSET_UPLOADS.pattern().replaceAll("^\\^", "")), regexPaths);
    }

    /**
     * ingress-nginx takes bodies of 1 MB by default, buffers them whole before it passes them on,
     * and gives up on a service silent for 60 s (a chunk is answered once it is in storage).
     */
    @Test
    void ingressStreamsUploadsAndStatusStreams() throws IOException {
        JsonNode annotations = baseDocuments().stream().filter(doc -> kind(doc, "Ingress")).findFirst().orElseThrow()
                .at("/metadata/annotations");
        assertEquals("0", annotations.path("nginx.ingress.kubernetes.io/proxy-body-size").asText());
        assertEquals("off", annotations.path("nginx.ingress.kubernetes.io/proxy-request-buffering").asText());
        assertEquals("off", annotations.path("nginx.ingress.kubernetes.io/proxy-buffering").asText());
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            assertTrue(annotations.path("nginx.ingress.kubernetes.io/" + timeout).asInt() >= 600, timeout);
        }
    }

    @Test
    void deploymentsProbeHealthAndRunLockedDown() throws IOException {
        List<JsonNode> deployments = baseDocuments().stream().filter(doc -> kind(doc, "Deployment")).toList();
        assertEquals(SERVICES, deployments.stream().map(doc -> doc.at("/metadata/name").asText()).collect(Collectors.toSet()));
        for (JsonNode deployment : deployments) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertEquals("geoingest/" + name, container.get("image").asText());
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), name);
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), name);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertTrue(container.path(probe).path("timeoutSeconds").asInt(1) >= 5,
                        name + "'s " + probe + " waits as long as the local launcher's (5 s), not Kubernetes' 1 s");
            }
            assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name);
            assertTrue(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean(), name);
            assertFalse(container.at("/resources/requests/memory").isMissingNode(), name);
            assertFalse(container.at("/resources/limits/memory").isMissingNode(), name);
            assertEquals("geoingest-config", container.at("/envFrom/0/configMapRef/name").asText(), name);
        }
        Set<String> services = baseDocuments().stream().filter(doc -> kind(doc, "Service"))
                .map(doc -> doc.at("/metadata/name").asText()).collect(Collectors.toSet());
        assertEquals(SERVICES, services);
        assertTrue(baseDocuments().stream().anyMatch(doc -> kind(doc, "HorizontalPodAutoscaler")
                && doc.at("/spec/scaleTargetRef/name").asText().equals("processing-worker")));
        assertEquals(SERVICES, baseDocuments().stream().filter(doc -> kind(doc, "PodDisruptionBudget"))
                .map(doc -> doc.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).collect(Collectors.toSet()));
    }

    /**
     * Each service logs in to the database with credentials of its own (a member of its role), and
     * only the upload-service holds the schema owner's, to migrate: the others do not migrate, or
     * they would try with a login that may not, and fail to start; they start only on a schema
     * that holds their migrations (validate), not on the one before an upgrade. The first API key is made by
     * the service that manages keys; the others may only read them.
     */
    @Test
    void eachServiceLogsInToTheDatabaseAsItselfAndOnlyTheUploadServiceMigrates() throws IOException {
        Map<String, String> roles = Map.of("upload-service", "upload", "status-service", "status",
                "processing-worker", "worker");
        for (JsonNode deployment : deployments()) {
            String name = deployment.at("/metadata/name").asText();
            String role = roles.get(name);
            assertEquals("db-" + role + "-username", secretKey(deployment, "QUARKUS_DATASOURCE_USERNAME"), name);
            assertEquals("db-" + role + "-password", secretKey(deployment, "QUARKUS_DATASOURCE_PASSWORD"), name);
            boolean migrates = name.equals("upload-service");
            assertEquals(migrates ? "true" : "false",
                    setting(deployment, "quarkus.flyway.migrate-at-start").orElse("true"), name);
            assertEquals(migrates ? "db-owner-username" : "", secretKey(deployment, "QUARKUS_FLYWAY_USERNAME"), name);
            assertEquals(migrates ? "false" : "true",
                    setting(deployment, "quarkus.flyway.validate-at-start").orElse("false"), name);
            assertEquals(migrates ? "bootstrap-admin-key" : "",
                    secretKey(deployment, "GEOINGEST_AUTH_BOOTSTRAP_ADMIN_KEY"), name);
        }
    }

    /** The key of the Secret a variable of the pod comes from; empty when it comes from none. */
    private static String secretKey(JsonNode deployment, String variable) {
        for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
            if (env.get("name").asText().equals(variable)) {
                return env.at("/valueFrom/secretKeyRef/key").asText();
            }
        }
        return "";
    }

    /**
     * Each variable the pods get sets a property a service reads, in its current name: a variable
     * of a deprecated name can lose to the new one's default (QUARKUS_LOG_CONSOLE_JSON did, to
     * quarkus.log.console.json.enabled=false in the shared defaults, and the logs stayed text).
     */
    @Test
    void everyVariableSetForTheServicesIsOneTheyRead() throws IOException {
        assertVariablesAreRead(baseDocuments());
    }

    /**
     * The root file system is read-only, so all a service writes goes to the volume at /tmp
     * (java.io.tmpdir): a pod that writes more there than the volume's sizeLimit is evicted, with
     * all it had in flight. The worker copies up to spool-limit of each file it processes there,
     * as many at once as its pool runs; the upload-service a whole chunk (up to chunk-max-size)
     * while it arrives.
     */
    @Test
    void temporaryDirectoriesHoldWhatTheServicesWriteThere() throws Exception {
        for (JsonNode deployment : deployments()) {
            assertEquals("/tmp", temporaryVolume(deployment).mountPath().orElse(null),
                    deployment.at("/metadata/name").asText() + " has a writable /tmp");
        }
        JsonNode worker = deployment("processing-worker");
        long concurrency = Long.parseLong(setting(worker, "smallrye.messaging.worker.file-processing.max-concurrency")
                .orElse(ServiceConfiguration.property("processing-worker", "smallrye.messaging.worker.file-processing.max-concurrency")));
        long spoolLimit = spoolLimit(worker);
        assertTrue(temporaryVolume(worker).sizeLimit() >= concurrency * spoolLimit + GIB,
                "the worker's /tmp holds " + concurrency + " copies of up to " + spoolLimit + " bytes, and 1 GiB more");
        JsonNode upload = deployment("upload-service");
        long chunk = chunkMaxSize(upload);
        assertTrue(temporaryVolume(upload).sizeLimit() >= chunk + GIB,
                "the upload-service's /tmp holds a chunk of the largest size, " + chunk + " bytes, and 1 GiB more");
        assertPodsRequestTheDiskTheyWrite(baseDocuments());
    }

    /**
     * Without a request the scheduler reserves no disk, and pods that fill a node's evict every pod
     * on it. Checked on the rendered overlays too: a patch that replaces a container's resources
     * whole drops the request unless it names it again.
     */
    private static void assertPodsRequestTheDiskTheyWrite(List<JsonNode> documents) throws Exception {
        JsonNode worker = deploymentIn(documents, "processing-worker");
        assertTrue(quantity(worker.at("/spec/template/spec/containers/0/resources/requests/ephemeral-storage").asText("0"))
                >= spoolLimit(worker) + GIB, "the worker requests the disk of one file at the spool limit");
        JsonNode upload = deploymentIn(documents, "upload-service");
        assertTrue(quantity(upload.at("/spec/template/spec/containers/0/resources/requests/ephemeral-storage").asText("0"))
                >= chunkMaxSize(upload) + GIB, "the upload-service requests the disk of one chunk of the largest size");
    }

    private static long spoolLimit(JsonNode worker) throws Exception {
        return ServiceConfiguration.bytes(setting(worker, "geoingest.worker.spool-limit")
                .orElse(ServiceConfiguration.defaultOf(io.geoingest.worker.WorkerConfig.class, "spoolLimit")));
    }

    private static long chunkMaxSize(JsonNode upload) throws Exception {
        return ServiceConfiguration.bytes(setting(upload, "geoingest.upload.chunk-max-size")
                .orElse(ServiceConfiguration.defaultOf(io.geoingest.upload.UploadConfig.class, "chunkMaxSize")));
    }

    /**
     * On SIGTERM Quarkus closes its HTTP server at once unless quarkus.shutdown.timeout is set: the
     * upload-service stopped in a second, cutting every upload in flight (tried in the local suite),
     * at each rollout and drain. It waits for them, and Kubernetes waits longer still before it
     * kills the pod; the worker's grace for its files in progress fits in the pod's too.
     */
    @Test
    void podsStopAfterWhatTheyFinishOnShutdown() throws Exception {
        JsonNode upload = deployment("upload-service");
        java.time.Duration requests = duration(setting(upload, "quarkus.shutdown.timeout")
                .orElseThrow(() -> new AssertionError("the upload-service waits for uploads in flight on shutdown")));
        assertTrue(requests.toSeconds() >= 60, "uploads in flight get a minute at least: " + requests);
        assertTrue(grace(upload) >= requests.toSeconds() + delay(upload).toSeconds() + 10,
                "the upload-service's pod outlasts its shutdown delay and timeout");
        JsonNode worker = deployment("processing-worker");
        java.time.Duration files = duration(setting(worker, "geoingest.worker.shutdown-grace")
                .orElse(ServiceConfiguration.defaultOf(io.geoingest.worker.WorkerConfig.class, "shutdownGrace")));
        assertTrue(grace(worker) >= files.toSeconds() + 30, "the worker's pod outlasts its files' grace and their release");
    }

    /**
     * The local suite gave its services no shutdown timeout, and a Ctrl-C cut every upload in flight;
     * they now get the pods' own, and the launcher waits that long and more before it kills them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"upload-service", "status-service"})
    void theLocalServicesFinishTheirRequestsInFlightAsThePodsDo(String service) throws Exception {
        Service local = Arrays.stream(Service.values()).filter(each -> each.moduleName().equals(service)).findFirst()
                .orElseThrow();
        java.time.Duration pods = duration(setting(deployment(service), "quarkus.shutdown.timeout").orElseThrow());

        assertEquals(pods, local.shutdownTimeout());
        assertTrue(local.stopGrace().compareTo(pods) > 0, "the launcher waits for the service's own stop");
    }

    /**
     * A pod's endpoint leaves the Service and the Ingress controller's list some seconds after the
     * pod is told to stop; requests sent to it meanwhile were refused. The services that take
     * requests go on answering them for a delay first (readiness DOWN), then stop within the grace.
     */
    @ParameterizedTest
    @ValueSource(strings = {"upload-service", "status-service"})
    void podsThatTakeRequestsAnswerUntilTheirEndpointIsGone(String service) throws Exception {
        JsonNode deployment = deployment(service);
        java.time.Duration delay = delay(deployment);
        assertTrue(delay.toSeconds() >= 5, service + " answers for a few seconds after SIGTERM: " + delay);
        java.time.Duration timeout = setting(deployment, "quarkus.shutdown.timeout").map(KubernetesManifestsTest::duration)
                .orElse(java.time.Duration.ZERO);
        assertTrue(grace(deployment) >= delay.plus(timeout).toSeconds() + 10,
                service + "'s pod outlasts its shutdown delay and timeout");
    }

    private static java.time.Duration delay(JsonNode deployment) throws IOException {
        return setting(deployment, "quarkus.shutdown.delay").map(KubernetesManifestsTest::duration).orElse(java.time.Duration.ZERO);
    }

    private static long grace(JsonNode deployment) {
        return deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong(30);
    }

    /** A duration as Quarkus reads it: 280s, 5m, 1h, or ISO-8601. */
    private static java.time.Duration duration(String text) {
        java.util.regex.Matcher simple = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text.trim());
        if (!simple.matches()) {
            return java.time.Duration.parse(text.trim());
        }
        long number = Long.parseLong(simple.group(1));
        return switch (simple.group(2)) {
            case "ms" -> java.time.Duration.ofMillis(number);
            case "s" -> java.time.Duration.ofSeconds(number);
            case "m" -> java.time.Duration.ofMinutes(number);
            case "h" -> java.time.Duration.ofHours(number);
            default -> java.time.Duration.ofDays(number);
        };
    }

    private static final long GIB = 1L << 30;

    record TemporaryVolume(Optional<String> mountPath, long sizeLimit) {
    }

    /** The emptyDir mounted at /tmp, and its sizeLimit in bytes. */
    private static TemporaryVolume temporaryVolume(JsonNode deployment) {
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.get("mountPath").asText().equals("/tmp")) {
                for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
                    if (volume.get("name").asText().equals(mount.get("name").asText()) && volume.has("emptyDir")) {
                        return new TemporaryVolume(Optional.of("/tmp"), quantity(volume.at("/emptyDir/sizeLimit").asText()));
                    }
                }
            }
        }
        return new TemporaryVolume(Optional.empty(), 0);
    }

    /** A Kubernetes quantity of bytes: 17Gi, 512Mi, 2G. */
    private static long quantity(String quantity) {
        java.util.regex.Matcher matcher = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|K|M|G|T)?").matcher(quantity);
        assertTrue(matcher.matches(), "a quantity of bytes: '" + quantity + "'");
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2);
        return switch (unit) {
            case "Ki" -> number << 10;
            case "Mi" -> number << 20;
            case "Gi" -> number << 30;
            case "Ti" -> number << 40;
            case "K" -> number * 1_000L;
            case "M" -> number * 1_000_000L;
            case "G" -> number * 1_000_000_000L;
            case "T" -> number * 1_000_000_000_000L;
            default -> number;
        };
    }

    /** A property as the pod sets it, in its own env or in the ConfigMap; empty where neither does. */
    private static Optional<String> setting(JsonNode deployment, String property) throws IOException {
        String variable = ServiceConfiguration.environmentVariable(property);
        for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
            if (env.get("name").asText().equals(variable) && env.has("value")) {
                return Optional.of(env.get("value").asText());
            }
        }
        return baseDocuments().stream().filter(doc -> kind(doc, "ConfigMap"))
                .map(doc -> doc.path("data").path(variable)).filter(JsonNode::isTextual).map(JsonNode::asText).findFirst();
    }

    private static List<JsonNode> deployments() throws IOException {
        return baseDocuments().stream().filter(doc -> kind(doc, "Deployment")).toList();
    }

    private static JsonNode deployment(String name) throws IOException {
        return deploymentIn(baseDocuments(), name);
    }

    private static JsonNode deploymentIn(List<JsonNode> documents, String name) {
        return documents.stream().filter(doc -> kind(doc, "Deployment"))
                .filter(doc -> doc.at("/metadata/name").asText().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlaysBuildOnTheBaseAndNameEveryImage(String overlay) throws IOException {
        JsonNode kustomization = YAML.readTree(K8S.resolve("overlays").resolve(overlay).resolve("kustomization.yaml").toFile());
        assertEquals("../../base", kustomization.at("/resources/0").asText());
        Set<String> images = new java.util.HashSet<>();
        kustomization.get("images").forEach(image -> images.add(image.get("name").asText()));
        assertEquals(SERVICES.stream().map(name -> "geoingest/" + name).collect(Collectors.toSet()), images);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubectlRendersTheOverlay(String overlay) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed (Debian package kubectl)");
        Process render = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                .redirectErrorStream(true).start();
        String output = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(render.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, render.exitValue(), output);
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(output)) {
            docs.forEachRemaining(documents::add);
        }
        assertEquals(3, documents.stream().filter(doc -> kind(doc, "Deployment")).count());
        documents.stream().filter(doc -> kind(doc, "Deployment")).forEach(doc ->
                assertTrue(doc.at("/spec/template/spec/containers/0/image").asText().contains(":"), "tagged image"));
        assertVariablesAreRead(documents);
        assertDisruptionBudgetsLetNodesDrain(documents);
        assertAutoscaledDeploymentsLeaveTheirReplicasToTheAutoscaler(documents);
        assertMemoryLimitsHoldHeapAndTheRest(documents);
        assertPodsRequestTheDiskTheyWrite(documents);
        // dev's tag is pushed again and again: a node kept the image it pulled first
        documents.stream().filter(doc -> kind(doc, "Deployment")).forEach(doc -> assertEquals(overlay.equals("dev"),
                doc.at("/spec/template/spec/containers/0/imagePullPolicy").asText().equals("Always"),
                doc.at("/metadata/name").asText()));
    }

    @Test
    void memoryLimitsHoldHeapAndTheRest() throws IOException {
        assertMemoryLimitsHoldHeapAndTheRest(baseDocuments());
    }

    /**
     * The JVM image gives the heap JAVA_MAX_MEM_RATIO percent of the container's memory limit
     * (run-java.sh's -XX:MaxRAMPercentage); the rest must hold what the JVM uses besides (metaspace,
     * code, threads, GC, direct buffers: about 175 to 205 MB committed in the local suite's services
     * under NMT), or the container is OOM-killed once the heap has grown. And the heap must be at
     * least the local suite's, the one configuration known to work.
     */
    private static void assertMemoryLimitsHoldHeapAndTheRest(List<JsonNode> documents) throws IOException {
        java.util.regex.Matcher ratio = Pattern.compile("JAVA_MAX_MEM_RATIO=\"?(\\d+)").matcher(
                Files.readString(K8S.resolveSibling("docker").resolve("Dockerfile.jvm")));
        assertTrue(ratio.find(), "Dockerfile.jvm sets JAVA_MAX_MEM_RATIO (the image's own default changed between releases)");
        java.util.regex.Matcher localHeap = Pattern.compile("-Xmx(\\d+)m").matcher(Settings.defaultJavaOptions(false));
        assertTrue(localHeap.find());
        long knownToWork = Long.parseLong(localHeap.group(1)) << 20;
        for (JsonNode deployment : documents.stream().filter(doc -> kind(doc, "Deployment")).toList()) {
            String name = deployment.at("/metadata/name").asText();
            long limit = quantity(deployment.at("/spec/template/spec/containers/0/resources/limits/memory").asText());
            long heap = limit * Integer.parseInt(ratio.group(1)) / 100;
            assertTrue(heap >= knownToWork, name + ": a heap of " + (heap >> 20) + " MiB, under the local suite's");
            assertTrue(limit - heap >= 256L << 20, name + ": " + ((limit - heap) >> 20) + " MiB besides the heap");
        }
    }

    @Test
    void autoscaledDeploymentsLeaveTheirReplicasToTheAutoscaler() throws IOException {
        assertAutoscaledDeploymentsLeaveTheirReplicasToTheAutoscaler(baseDocuments());
    }

    /**
     * A Deployment an HPA scales names no replicas: each {@code kubectl apply} would set them back
     * to that number, stopping the workers the HPA had added, with their files in progress.
     */
    private static void assertAutoscaledDeploymentsLeaveTheirReplicasToTheAutoscaler(List<JsonNode> documents) {
        documents.stream().filter(doc -> kind(doc, "HorizontalPodAutoscaler")).forEach(hpa -> {
            String name = hpa.at("/spec/scaleTargetRef/name").asText();
            JsonNode target = documents.stream().filter(doc -> kind(doc, "Deployment"))
                    .filter(doc -> doc.at("/metadata/name").asText().equals(name)).findFirst().orElseThrow();
            assertTrue(target.at("/spec/replicas").isMissingNode(), name + " leaves its replicas to its HPA");
        });
    }

    /**
     * Every PodDisruptionBudget lets at least one pod go at the replicas the overlay runs (for an
     * autoscaled Deployment, its HPA's minimum): one that lets none blocks every node drain.
     */
    private static void assertDisruptionBudgetsLetNodesDrain(List<JsonNode> documents) {
        for (JsonNode budget : documents.stream().filter(doc -> kind(doc, "PodDisruptionBudget")).toList()) {
            String name = budget.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText();
            int replicas = documents.stream().filter(doc -> kind(doc, "HorizontalPodAutoscaler"))
                    .filter(doc -> doc.at("/spec/scaleTargetRef/name").asText().equals(name))
                    .map(doc -> doc.at("/spec/minReplicas").asInt()).findFirst()
                    .orElseGet(() -> documents.stream().filter(doc -> kind(doc, "Deployment"))
                            .filter(doc -> doc.at("/metadata/name").asText().equals(name))
                            .map(doc -> doc.at("/spec/replicas").asInt(1)).findFirst().orElseThrow());
            JsonNode spec = budget.get("spec");
            int disruptions = spec.has("maxUnavailable") ? spec.get("maxUnavailable").asInt()
                    : replicas - spec.path("minAvailable").asInt();
            assertTrue(disruptions >= 1, name + ": its PodDisruptionBudget lets no pod of " + replicas + " go");
        }
    }

    private static void assertVariablesAreRead(List<JsonNode> documents) throws IOException {
        Set<String> read = ServiceConfiguration.environmentVariables();
        Set<String> set = new java.util.TreeSet<>();
        documents.stream().filter(doc -> kind(doc, "ConfigMap")).forEach(doc -> doc.path("data").fieldNames().forEachRemaining(set::add));
        documents.stream().filter(doc -> kind(doc, "Deployment"))
                .forEach(doc -> doc.at("/spec/template/spec/containers/0/env").forEach(env -> set.add(env.get("name").asText())));
        assertFalse(set.isEmpty());
        assertEquals(Set.of(), set.stream().filter(name -> !read.contains(name)).collect(Collectors.toSet()),
                "variables that set no property the services read (or a deprecated one)");
    }

    /**
     * The backend an ingress-nginx controller picks: regex paths first, then exact paths, then the
     * longest prefix. A regex path becomes {@code location ~* "^<path>"}: anchored at its start only.
     */
    private static Optional<String> ingressBackend(String path) throws IOException {
        List<JsonNode> paths = ingressPaths();
        for (JsonNode candidate : paths) {
            if (candidate.get("pathType").asText().equals("ImplementationSpecific")
                    && Pattern.compile(candidate.get("path").asText(), Pattern.CASE_INSENSITIVE).matcher(path).lookingAt()) {
                return Optional.of(candidate.at("/backend/service/name").asText());
            }
        }
        Optional<String> exact = paths.stream()
                .filter(candidate -> candidate.get("pathType").asText().equals("Exact"))
                .filter(candidate -> candidate.get("path").asText().equals(path))
                .map(candidate -> candidate.at("/backend/service/name").asText())
                .findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return paths.stream()
                .filter(candidate -> candidate.get("pathType").asText().equals("Prefix"))
                .filter(candidate -> prefixMatches(candidate.get("path").asText(), path))
                .max((a, b) -> Integer.compare(a.get("path").asText().length(), b.get("path").asText().length()))
                .map(candidate -> candidate.at("/backend/service/name").asText());
    }

    private static boolean prefixMatches(String prefix, String path) {
        return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
    }

    private static List<JsonNode> ingressPaths() throws IOException {
        JsonNode ingress = baseDocuments().stream().filter(doc -> kind(doc, "Ingress")).findFirst().orElseThrow();
        List<JsonNode> paths = new ArrayList<>();
        ingress.at("/spec/rules/0/http/paths").forEach(paths::add);
        return paths;
    }

    private static List<JsonNode> baseDocuments() throws IOException {
        Path base = K8S.resolve("base");
        JsonNode kustomization = YAML.readTree(base.resolve("kustomization.yaml").toFile());
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode resource : kustomization.get("resources")) {
            Path file = base.resolve(resource.asText());
            assertTrue(Files.exists(file), file.toString());
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                docs.forEachRemaining(documents::add);
            }
        }
        assertNotNull(documents);
        return documents;
    }

    private static boolean kind(JsonNode document, String kind) {
        return kind.equals(document.path("kind").asText());
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }
}
