package io.switchboard.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Topics;
import io.switchboard.infra.auth.LocalKeys;
import io.switchboard.infra.kafka.KafkaTopics;

/** One infrastructure for the whole class (starting it dominates the run time); the restart test runs last. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalInfrastructureTest {

    private static final int PARTITIONS = 6;
    private static final String ISSUER = "https://switchboard.test";

    @TempDir
    static Path dataDir;

    private static LocalInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.start(InfraSettings.defaults(dataDir).withPartitions(PARTITIONS));
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    @Order(1)
    void createsTheChatScopedTopicsWithThePartitionCount() throws Exception {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.CHAT_SCOPED).allTopicNames().get();

            assertThat(topics).containsOnlyKeys(Topics.CHAT_SCOPED);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(PARTITIONS));
        }
    }

    @Test
    @Order(2)
    void refusesAnExistingTopicWithAnotherPartitionCount() {
        assertThatThrownBy(() -> KafkaTopics.ensure(infra.bootstrapServers(), List.of(Topics.CHAT_EVENTS), PARTITIONS + 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Topics.CHAT_EVENTS + "=" + PARTITIONS);
    }

    @Test
    @Order(3)
    void deliversAKeyedRecord() {
        String key = "chat-" + UUID.randomUUID();
        produce(Topics.CHAT_EVENTS, key, "hello");

        assertThat(consumeAll(Topics.CHAT_EVENTS))
                .anySatisfy(record -> {
                    assertThat(record.key()).isEqualTo(key);
                    assertThat(record.value()).isEqualTo("hello");
                });
    }

    @Test
    @Order(4)
    void runsSqlInEachDatabaseAsTheApplicationRole() throws SQLException {
        for (String database : Databases.ALL) {
            try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE probe (id int PRIMARY KEY, name text)");
                statement.execute("INSERT INTO probe VALUES (1, '" + database + "')");
                try (ResultSet result = statement.executeQuery("SELECT name, current_user FROM probe")) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getString(1)).isEqualTo(database);
                    assertThat(result.getString(2)).isEqualTo(infra.postgres().username());
                }
            }
        }
    }

    @Test
    @Order(5)
    void issuesTokensThatVerifyWithThePublicKey() throws Exception {
        String token = infra.keys().issueToken(ISSUER, "tenant-1", "user-1", Set.of("user"), Duration.ofMinutes(5));
        String[] parts = token.split("\\.");

        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(infra.keys().publicKeyBase64()))));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(signature.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo(infra.keys().keyId());
        assertThat(claims.get("iss").asText()).isEqualTo(ISSUER);
        assertThat(claims.get("sub").asText()).isEqualTo("user-1");
        assertThat(claims.get("tenant").asText()).isEqualTo("tenant-1");
        assertThat(claims.get("groups").toString()).isEqualTo("[\"user\"]");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
    }

    @Test
    @Order(6)
    void keepsTheSigningKeyOwnerOnly() throws Exception {
        Path key = dataDir.resolve("keys").resolve(LocalKeys.PRIVATE_KEY_FILE);

        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(LocalKeys.fromPrivateKeyPem(infra.keys().privateKeyPem()).publicKeyBase64())
                .isEqualTo(infra.keys().publicKeyBase64());
    }

    /** In a Quarkus test the context class loader holds other copies of the Kafka classes. */
    @Test
    @Order(7)
    void createsItsKafkaClientsUnderAForeignContextClassLoader() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader foreign = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(foreign);

            KafkaTopics.ensure(infra.bootstrapServers(), Topics.CHAT_SCOPED, PARTITIONS);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void keepsRowsRecordsAndKeysAcrossARestart() throws SQLException {
        String key = "restart-" + UUID.randomUUID();
        produce(Topics.SESSION_LIFECYCLE, key, "before restart");
        try (Connection connection = connect(Databases.SESSIONS); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivor (name text)");
            statement.execute("INSERT INTO survivor VALUES ('" + key + "')");
        }
        String publicKey = infra.keys().publicKeyBase64();
        int oldKafkaPort = infra.kafka().port();

        infra.close();
        infra = LocalInfrastructure.start(InfraSettings.defaults(dataDir).withPartitions(PARTITIONS));

        assertThat(infra.kafka().port()).as("restarted on fresh free ports").isNotEqualTo(oldKafkaPort);
        assertThat(consumeAll(Topics.SESSION_LIFECYCLE)).anySatisfy(record -> assertThat(record.key()).isEqualTo(key));
        try (Connection connection = connect(Databases.SESSIONS); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name FROM survivor")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo(key);
        }
        assertThat(infra.keys().publicKeyBase64()).isEqualTo(publicKey);
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()));
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(infra.postgres().jdbcUrl(database), infra.postgres().username(),
                infra.postgres().password());
    }

    private static void produce(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("Could not produce to " + topic, e);
        }
    }

    /** Reads the topic from the beginning until the end offsets seen at the start are reached. */
    private static List<ConsumerRecord<String, String>> consumeAll(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
            return records;
        }
    }
}
