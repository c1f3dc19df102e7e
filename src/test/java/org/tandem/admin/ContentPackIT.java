package org.tandem.admin;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tandem.Deployments;
import org.tandem.catalogue.TestPacks;
import org.tandem.catalogue.control.PackReader;

/**
 * An administrator publishes content packs over HTTP: a good pack is stored once, a broken one
 * is refused with every problem and changes nothing, and the starter pack is there from the start.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContentPackIT {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:it-admin-secret".getBytes(StandardCharsets.UTF_8));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.tandem();
    }

    @ArquillianResource
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();

    private URI packs() {
        return URI.create("http://localhost:" + base.getPort() + "/admin/api/content-packs");
    }

    private HttpResponse<String> upload(byte[] body, String contentType, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(packs()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> list(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(packs()).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonArray listed() throws Exception {
        HttpResponse<String> response = list(ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static JsonObject object(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private static String newId() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void listsTheStarterPackFromTheStart() throws Exception {
        assertThat(listed()).map(JsonValue::asJsonObject).anySatisfy(pack -> {
            assertThat(pack.getString("pack_id")).isEqualTo("starter");
            assertThat(pack.getInt("version")).isPositive();
            assertThat(pack.getInt("modules")).isGreaterThanOrEqualTo(3);
            assertThat(pack.getInt("scenarios")).isGreaterThanOrEqualTo(4);
            assertThat(pack.getInt("instruments")).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void storesAValidZipOnceAndKnowsItWhenSentAgain() throws Exception {
        String id = newId();
        byte[] zip = TestPacks.zip(TestPacks.valid(id, 1));

        HttpResponse<String> stored = upload(zip, "application/zip", ADMIN);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(object(stored.body())).isEqualTo(Json.createObjectBuilder()
                .add("pack_id", id).add("version", 1).add("outcome", "stored").build());

        HttpResponse<String> again = upload(zip, "application/zip", ADMIN);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(object(again.body()).getString("outcome")).isEqualTo("unchanged");

        assertThat(listed()).map(JsonValue::asJsonObject).anySatisfy(pack -> {
            assertThat(pack.getString("pack_id")).isEqualTo(id);
            assertThat(pack.getString("title")).isEqualTo("Test pack " + id);
            assertThat(pack.getInt("modules")).isEqualTo(1);
            assertThat(pack.getInt("scenarios")).isEqualTo(1);
            assertThat(pack.getInt("instruments")).isEqualTo(1);
        });
    }

    @Test
    void publishesASingleFileYamlPackAndAHigherVersion() throws Exception {
        String id = newId();
        String yaml = "id: " + id + "\nversion: 1\ntitle: Just a title\n";
        assertThat(upload(yaml.getBytes(StandardCharsets.UTF_8), "application/x-yaml", ADMIN).statusCode()).isEqualTo(201);

        HttpResponse<String> sameVersionChanged = upload((yaml + "description: changed\n").getBytes(StandardCharsets.UTF_8),
                "text/yaml", ADMIN);
        assertThat(sameVersionChanged.statusCode()).isEqualTo(422);
        assertThat(sameVersionChanged.body()).contains("raise the version");

        HttpResponse<String> second = upload(TestPacks.zip(TestPacks.valid(id, 2)), "application/zip", ADMIN);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(listed()).map(JsonValue::asJsonObject).filteredOn(pack -> pack.getString("pack_id").equals(id))
                .singleElement().satisfies(pack -> {
                    assertThat(pack.getInt("version")).isEqualTo(2);
                    assertThat(pack.getJsonArray("versions").getValuesAs(jakarta.json.JsonNumber.class))
                            .extracting(jakarta.json.JsonNumber::intValue).containsExactly(2, 1);
                });
    }

    @Test
    void refusesABrokenPackWithEveryProblemAndStoresNothing() throws Exception {
        String id = newId();
        Map<String, String> files = TestPacks.valid(id, 1);
        files.put("scenarios/friday.yaml", files.get("scenarios/friday.yaml").replace("next: safe-discharge", "next: nowhere"));
        files.put("instruments/working-together.yaml", files.get("instruments/working-together.yaml").replace("max: 5", "max: 7"));
        files.put("modules/two-views.yaml", files.get("modules/two-views.yaml").replace("minutes: 15", "minutes: soon"));
        JsonArray before = listed();

        HttpResponse<String> refused = upload(TestPacks.zip(files), "application/zip", ADMIN);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonArray errors = object(refused.body()).getJsonArray("errors");
        assertThat(errors).map(JsonValue::asJsonObject).extracting(e -> e.getString("file") + " " + e.getString("path"))
                .containsExactly("modules/two-views.yaml $.minutes", "scenarios/friday.yaml $.scenes[1].choices[0].next",
                        "instruments/working-together.yaml $.scale.labels");
        assertThat(errors).map(JsonValue::asJsonObject).allSatisfy(e -> assertThat(e.getString("message")).isNotBlank());
        assertThat(listed()).isEqualTo(before);
    }

    /** The starter pack's files under another pack id, with {@code edit} applied to its relationship instrument. */
    private static Map<String, String> starterAs(String id, java.util.function.UnaryOperator<String> edit) throws Exception {
        Path dir = Path.of("src/main/resources/content/starter");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        files.put("pack.yaml", files.get("pack.yaml").replaceFirst("(?m)^id: .*$", "id: " + id));
        files.put("instruments/relationship.yaml", edit.apply(files.get("instruments/relationship.yaml")));
        return files;
    }

    @Test
    void refusesAPackThatGivesTheStarterInstrumentVersionOtherReverseItems() throws Exception {
        // the collision an independent check found: same instrument id and version, another pack,
        // a reverse-scored item scored straight; pooled, everyone was scored by one pack's rules
        String id = newId();
        String flipped = "text: I often find it hard to see why the other professional group makes the decisions it does.\n"
                + "        reverse: true";
        Map<String, String> collision = starterAs(id, yaml -> {
            assertThat(yaml).contains(flipped);
            return yaml.replace(flipped, flipped.replace("reverse: true", "reverse: false"));
        });
        JsonArray before = listed();

        HttpResponse<String> refused = upload(TestPacks.zip(collision), "application/zip", ADMIN);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(object(refused.body()).getJsonArray("errors")).map(JsonValue::asJsonObject).singleElement().satisfies(e -> {
            assertThat(e.getString("file")).isEqualTo("instruments/relationship.yaml");
            int starter = new PackReader().readClasspath("content/starter").version();
            assertThat(e.getString("message")).startsWith("instrument 'relationship' version 1 is already published with "
                    + "different content by pack 'starter' version " + starter + "; this pack ('" + id + "' version " + starter + ")")
                    .contains("Raise the instrument's version");
        });
        assertThat(listed()).isEqualTo(before);

        HttpResponse<String> sameContent = upload(TestPacks.zip(starterAs(id, yaml -> yaml)), "application/zip", ADMIN);
        assertThat(sameContent.statusCode()).as("the starter instrument's own content, in another pack: " + sameContent.body())
                .isEqualTo(201);
    }

    @Test
    void needsTheAdminCredential() throws Exception {
        byte[] zip = TestPacks.zip(TestPacks.valid(newId(), 1));
        HttpResponse<String> anonymous = upload(zip, "application/zip", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(object(anonymous.body()).getJsonArray("errors")).isNotEmpty();

        String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8));
        assertThat(upload(zip, "application/zip", wrong).statusCode()).isEqualTo(401);
        assertThat(list(null).statusCode()).isEqualTo(401);
    }

    @Test
    void namesTheFormatsItTakes() throws Exception {
        HttpResponse<String> response = upload("a,b".getBytes(StandardCharsets.UTF_8), "text/csv", ADMIN);
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("application/zip");
    }
}
