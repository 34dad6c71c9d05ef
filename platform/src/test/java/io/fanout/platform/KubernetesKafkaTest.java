package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fanout.contracts.Topics;
import io.fanout.testkit.RepositoryFiles;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Kafka on Kubernetes as Kustomize renders it ({@code kubectl kustomize deploy/kubernetes/base}), read
 * with Strimzi's own model: a KRaft cluster whose nodes are controllers and brokers, a
 * {@code KafkaTopic} for every topic in contracts and every dead-letter topic a service's
 * configuration parks records on, and none other; replication a write survives a node's loss with;
 * the services' manifests reach the cluster's bootstrap Service on its listener, each as its own
 * {@code KafkaUser}, whose ACLs allow exactly what its channels, its outbox (the topics
 * {@code asyncapi.yaml} says it publishes to) and its dead-letter queues do; an upstream provider
 * may only write {@code upstream-fixtures}.
 */
class KubernetesKafkaTest {

    private static final List<JsonNode> RENDERED = Kustomize.render("base");

    @Test
    void oneKraftClusterOfNodesThatAreControllersAndBrokers() throws IOException {
        Kafka kafka = the(Kafka.class, "Kafka");
        KafkaNodePool pool = the(KafkaNodePool.class, "KafkaNodePool");
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
        assertThat(pool.getSpec().getRoles()).extracting(Object::toString).containsExactlyInAnyOrder("CONTROLLER", "BROKER");
        assertThat(pool.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
        Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
        assertThat(config).containsEntry("auto.create.topics.enable", false).containsEntry("min.insync.replicas", 2);
    }

    @Test
    void everyTopicAServiceUsesIsDeclaredAndNoOther() throws IOException {
        Kafka kafka = the(Kafka.class, "Kafka");
        Set<String> used = new TreeSet<>(Topics.ALL);
        for (Service service : Service.values()) {
            Matcher dlq = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.[\\w-]+\\.dead-letter-queue\\.topic=(.+)$")
                    .matcher(Files.readString(RepositoryFiles.path(service.module() + "/src/main/resources/application.properties")));
            while (dlq.find()) {
                used.add(dlq.group(1).trim());
            }
        }
        List<KafkaTopic> topics = all(KafkaTopic.class, "KafkaTopic");
        Set<String> declared = topics.stream().map(t -> t.getSpec().getTopicName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).isEqualTo(used);
        int nodes = the(KafkaNodePool.class, "KafkaNodePool").getSpec().getReplicas();
        for (KafkaTopic topic : topics) {
            assertThat(topic.getMetadata().getLabels()).as(topic.getSpec().getTopicName())
                    .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat(topic.getSpec().getReplicas()).as(topic.getSpec().getTopicName()).isEqualTo(3).isLessThanOrEqualTo(nodes);
            // State is compacted (the revoked credentials outlive any retention); events expire.
            String name = topic.getSpec().getTopicName();
            assertThat(topic.getSpec().getConfig()).as(name).containsEntry("min.insync.replicas", 2)
                    .containsEntry("cleanup.policy", name.equals(Topics.PARTNER_CREDENTIALS) ? "compact" : "delete");
        }
    }

    @Test
    void theServicesReachTheClusterOnItsListener() {
        Kafka kafka = the(Kafka.class, "Kafka");
        GenericKafkaListener plain = kafka.getSpec().getKafka().getListeners().get(0);
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + plain.getPort();
        int partitions = all(KafkaTopic.class, "KafkaTopic").stream()
                .filter(t -> t.getSpec().getTopicName().equals(Topics.STREAM_LIFECYCLE)).findFirst().orElseThrow()
                .getSpec().getPartitions();
        for (Service service : Service.values()) {
            JsonNode workload = workload(service);
            assertThat(environment(workload)).as(service.module()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            assertThat(partitions).as("%s's instances share stream-lifecycle's partitions", service.module())
                    .isGreaterThanOrEqualTo(workload.at("/spec/replicas").asInt());
        }
    }

    @Test
    void eachServiceMayDoExactlyWhatItsChannelsAndItsOutboxDo() throws IOException {
        JsonNode asyncapi = new YAMLMapper().readTree(RepositoryFiles.path("contracts/asyncapi.yaml").toFile());
        for (Service each : Service.values()) {
            String service = each.module();
            String properties = Files.readString(RepositoryFiles.path(service + "/src/main/resources/application.properties"));
            Set<String> expected = new TreeSet<>();
            Matcher incoming = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.[\\w-]+\\.topic=(.+)$").matcher(properties);
            while (incoming.find()) {
                expected.add("topic " + incoming.group(1).trim() + " Read,Describe");
            }
            Matcher group = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.[\\w-]+\\.group\\.id=(.+)$").matcher(properties);
            while (group.find()) {
                expected.add("group " + group.group(1).trim() + " Read");
            }
            Matcher writes = Pattern.compile("(?m)^mp\\.messaging\\.(?:outgoing\\.(?!outbox\\.)[\\w-]+\\.topic"
                    + "|incoming\\.[\\w-]+\\.dead-letter-queue\\.topic)=(.+)$").matcher(properties);
            while (writes.find()) {
                expected.add("topic " + writes.group(1).trim() + " Write,Describe");
            }
            // The outbox sends each event to its type's topic: what the contract says the service publishes.
            for (JsonNode operation : asyncapi.path("operations")) {
                if (operation.path("summary").asText().startsWith(service + " publishes to ")) {
                    String channel = operation.path("channel").path("$ref").asText().replace("#/channels/", "");
                    expected.add("topic " + asyncapi.path("channels").path(channel).path("address").asText()
                            + " Write,Describe");
                }
            }
            assertThat(acls(user(service))).as("%s's ACLs", service).isEqualTo(expected);
        }
    }

    @Test
    void anUpstreamProviderMayOnlyWriteUpstreamFixtures() {
        List<KafkaUser> providers = all(KafkaUser.class, "KafkaUser").stream()
                .filter(u -> u.getMetadata().getLabels().containsKey("fanout.io/upstream-provider")).toList();
        assertThat(providers).isNotEmpty();
        for (KafkaUser provider : providers) {
            assertThat(acls(provider)).as(provider.getMetadata().getName())
                    .containsExactly("topic " + Topics.UPSTREAM_FIXTURES + " Write,Describe");
        }
    }

    @Test
    void theServicesAuthenticateAsTheirOwnUsers() {
        Kafka kafka = the(Kafka.class, "Kafka");
        assertThat(kafka.getSpec().getKafka().getListeners().get(0).getAuth().getType()).isEqualTo("scram-sha-512");
        for (Service service : Service.values()) {
            String name = service.module();
            user(name);
            assertThat(environment(workload(service))).as(name).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_JAAS_CONFIG", "(secret " + name + "/sasl.jaas.config)");
        }
    }

    private static JsonNode workload(Service service) {
        return RENDERED.stream().filter(o -> o.path("kind").asText().matches("Deployment|StatefulSet"))
                .filter(o -> o.at("/metadata/name").asText().equals(service.module())).findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + service.module()));
    }

    private static Map<String, String> environment(JsonNode workload) {
        return Kustomize.environment(workload.at("/spec/template/spec/containers/0"));
    }

    private static KafkaUser user(String name) {
        return all(KafkaUser.class, "KafkaUser").stream().filter(u -> u.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaUser " + name));
    }

    /** The user's ACLs as "type name Op,Op", allowing only; a deny or a prefix pattern is a failure. */
    private static Set<String> acls(KafkaUser user) {
        KafkaUserAuthorizationSimple authorization = (KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
        Set<String> acls = new TreeSet<>();
        for (AclRule rule : authorization.getAcls()) {
            assertThat(rule.getType()).isEqualTo(AclRuleType.ALLOW);
            String type;
            String name;
            if (rule.getResource() instanceof AclRuleTopicResource topic) {
                assertThat(topic.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
                type = "topic";
                name = topic.getName();
            } else if (rule.getResource() instanceof AclRuleGroupResource group) {
                assertThat(group.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
                type = "group";
                name = group.getName();
            } else {
                throw new AssertionError(user.getMetadata().getName() + " has an ACL on " + rule.getResource());
            }
            acls.add(type + " " + name + " " + rule.getOperations().stream().map(Object::toString)
                    .map(op -> op.charAt(0) + op.substring(1).toLowerCase()).collect(Collectors.joining(",")));
        }
        return acls;
    }

    private static <T> T the(Class<T> type, String kind) {
        List<T> found = all(type, kind);
        assertThat(found).as("one " + kind).hasSize(1);
        return found.get(0);
    }

    private static <T> List<T> all(Class<T> type, String kind) {
        YAMLMapper yaml = new YAMLMapper();
        return RENDERED.stream().filter(doc -> kind.equals(doc.path("kind").asText())).map(doc -> {
            try {
                return yaml.treeToValue(doc, type);
            } catch (IOException e) {
                throw new IllegalStateException(kind + " does not read as Strimzi's model", e);
            }
        }).toList();
    }
}
