package org.tandem.catalogue.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.catalogue.TestPacks;
import org.tandem.catalogue.entity.Choice;
import org.tandem.catalogue.entity.ChoiceOrder;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.PackProblem;
import org.tandem.catalogue.entity.Scenario;
import org.tandem.catalogue.entity.Seat;

class PackReaderTest {

    static final PackReader READER = new PackReader();

    @TempDir
    Path temp;

    private Path folder(Map<String, String> files) throws IOException {
        Path root = Files.createTempDirectory(temp, "pack");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        return root;
    }

    private static Map<String, String> valid() {
        return TestPacks.valid("test-pack", 1);
    }

    private static Map<String, String> edit(Map<String, String> files, String file, UnaryOperator<String> change) {
        Map<String, String> copy = new TreeMap<>(files);
        String before = copy.get(file);
        String after = change.apply(before);
        assertThat(after).as("the edit of " + file + " changes it").isNotEqualTo(before);
        copy.put(file, after);
        return copy;
    }

    private List<PackProblem> problems(Map<String, String> files) throws IOException {
        PackRejected rejected = catchThrowableOfType(PackRejected.class, () -> READER.readDirectory(folder(files)));
        assertThat(rejected).as("the pack is rejected").isNotNull();
        return rejected.problems();
    }

    private static List<PackProblem> zipProblems(byte[] zip) {
        PackRejected rejected = catchThrowableOfType(PackRejected.class, () -> READER.readZip(zip));
        assertThat(rejected).as("the zip is rejected").isNotNull();
        return rejected.problems();
    }

    // ------------------------------------------------------------------ valid packs

    @Test
    void readsValidPackFolderIntoTheContentRecords() throws IOException {
        ContentPack pack = READER.readDirectory(folder(valid()));

        assertThat(pack.id()).isEqualTo("test-pack");
        assertThat(pack.version()).isEqualTo(1);
        assertThat(pack.title()).isEqualTo("Test pack test-pack");
        assertThat(pack.description()).isEqualTo("A pack for tests.");

        Module module = pack.module("two-views").orElseThrow();
        assertThat(module.minutes()).isEqualTo(15);
        assertThat(module.sections()).hasSize(2);
        assertThat(module.sections().get(0).managerView()).isEqualTo("The **target** is 18 weeks.\n");
        assertThat(module.sections().get(0).reflection()).startsWith("What would");
        assertThat(module.sections().get(0).check()).isNull();
        assertThat(module.sections().get(1).intro()).as("absent optional field").isNull();
        assertThat(module.sections().get(1).check().options()).containsExactly("At referral", "At first appointment", "At surgery");
        assertThat(module.knowledgeChecks()).isEqualTo(1);

        Scenario scenario = pack.scenario("friday").orElseThrow();
        assertThat(scenario.seat()).isEqualTo(Seat.MANAGER);
        assertThat(scenario.start()).isEqualTo("ward-round");
        assertThat(scenario.measures()).extracting(m -> m.id()).containsExactly("safety", "trust");
        Choice listen = scenario.scene("ward-round").orElseThrow().choice("listen").orElseThrow();
        assertThat(listen.effects()).containsExactlyInAnyOrderEntriesOf(Map.of("trust", 10, "safety", 5));
        assertThat(listen.points()).isEqualTo(3);
        assertThat(listen.feedback()).isEqualTo("Listening first pays.");
        assertThat(scenario.scene("ward-round").orElseThrow().choice("push").orElseThrow().feedback()).isNull();
        assertThat(scenario.ending("readmission").orElseThrow().debrief()).contains("bed was not free");

        Instrument instrument = pack.instrument("working-together").orElseThrow();
        assertThat(instrument.version()).isEqualTo(1);
        assertThat(instrument.thenTest()).isTrue();
        assertThat(instrument.freeTextPrompt()).isEqualTo("Anything else?");
        assertThat(instrument.scale().labels()).hasSize(5);
        assertThat(instrument.items()).extracting(i -> i.id()).containsExactly("u1", "u2", "t1");
        assertThat(instrument.item("u2").orElseThrow().reverse()).isTrue();
        assertThat(instrument.item("t1").orElseThrow().reverse()).as("reverse defaults to false").isFalse();
        assertThat(instrument.outlook().options()).hasSize(3);
    }

    @Test
    void readsTheChoiceOrderAndShufflesWhenNoneIsWritten() throws IOException {
        assertThat(READER.readDirectory(folder(valid())).scenario("friday").orElseThrow().shufflesChoices())
                .as("no choice_order written: shuffled").isTrue();

        Map<String, String> authored = edit(valid(), "scenarios/friday.yaml", s -> s.replace("start: ward-round", "start: ward-round\nchoice_order: authored"));
        Scenario scenario = READER.readDirectory(folder(authored)).scenario("friday").orElseThrow();
        assertThat(scenario.choiceOrder()).isEqualTo(ChoiceOrder.AUTHORED);
        assertThat(scenario.shufflesChoices()).isFalse();
    }

    @Test
    void reportsAnUnknownChoiceOrder() throws IOException {
        Map<String, String> files = edit(valid(), "scenarios/friday.yaml", s -> s.replace("start: ward-round", "start: ward-round\nchoice_order: random"));
        assertThat(problems(files)).containsExactly(new PackProblem("scenarios/friday.yaml", "$.choice_order",
                "does not have a value in the enumeration [\"shuffled\", \"authored\"]"));
    }

    @Test
    void readsTheSamePackFromAZipWithOrWithoutATopFolder() throws IOException {
        ContentPack fromFolder = READER.readDirectory(folder(valid()));
        assertThat(READER.readZip(TestPacks.zip(valid()))).isEqualTo(fromFolder);

        Map<String, String> nested = new TreeMap<>();
        valid().forEach((name, text) -> nested.put("my-pack/" + name, text));
        nested.put("my-pack/README.md", "not content; ignored");
        nested.put("__MACOSX/my-pack/._pack.yaml", "resource fork; ignored");
        assertThat(READER.readZip(TestPacks.zip(nested))).isEqualTo(fromFolder);
    }

    @Test
    void readsSingleFilePackInYamlAndJson() throws IOException {
        ContentPack pack = READER.readDirectory(folder(valid()));
        String single = """
                id: test-pack
                version: 1
                title: Test pack test-pack
                description: A pack for tests.
                modules:
                %s
                scenarios:
                %s
                instruments:
                %s
                """.formatted(listItem(valid().get("modules/two-views.yaml")), listItem(valid().get("scenarios/friday.yaml")),
                listItem(valid().get("instruments/working-together.yaml")));
        assertThat(READER.readFile("pack.yaml", single.getBytes(StandardCharsets.UTF_8))).isEqualTo(pack);

        byte[] json = PackJson.toJson(pack).getBytes(StandardCharsets.UTF_8);
        assertThat(READER.readFile("pack.json", json)).isEqualTo(pack);
    }

    private static String listItem(String yaml) {
        return "  - " + yaml.strip().replace("\n", "\n    ");
    }

    @Test
    void readsPackFolderFromAJarOnTheClassPath() throws IOException {
        Path jar = temp.resolve("content.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("content/other/unrelated.yaml"));
            out.write("id: x".getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> file : valid().entrySet()) {
                out.putNextEntry(new JarEntry("content/test/" + file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(loader.getResource("content/test/pack.yaml").getProtocol()).isEqualTo("jar");
            assertThat(READER.readClasspath(loader, "content/test/")).isEqualTo(READER.readDirectory(folder(valid())));
        }
    }

    @Test
    void readsPackFolderFromAClassPathDirectory() throws IOException {
        Path root = Files.createTempDirectory(temp, "classes");
        Path pack = root.resolve("content/test");
        Files.createDirectories(pack);
        Path source = folder(valid());
        try (var files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = pack.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertThat(READER.readClasspath(loader, "content/test").id()).isEqualTo("test-pack");
            assertThat(catchThrowableOfType(PackRejected.class, () -> READER.readClasspath(loader, "content/none")).problems())
                    .singleElement().satisfies(p -> assertThat(p.message()).contains("no pack file"));
        }
    }

    // ------------------------------------------------------------------ schema errors

    @Test
    void reportsSchemaErrorsWithFileAndPath() throws IOException {
        Map<String, String> files = edit(valid(), "scenarios/friday.yaml", s -> s
                .replace("seat: manager", "seat: director\ncolour: blue")
                .replace("        points: 3\n        feedback", "        points: 4\n        feedback"));
        files = edit(files, "modules/two-views.yaml", s -> s.replace("minutes: 15", "minutes: soon")
                .replace("    reflection: What would", "    check: {question: q, options: [a, b], correct: 0, explanation: e}\n    reflection: What would"));
        files = edit(files, "pack.yaml", s -> s.replace("id: test-pack", "id: Test Pack"));

        assertThat(problems(files)).containsExactlyInAnyOrder(
                new PackProblem("pack.yaml", "$.id", "does not match the regex pattern ^[a-z0-9][a-z0-9-]*$"),
                new PackProblem("modules/two-views.yaml", "$.minutes", "string found, integer expected"),
                new PackProblem("modules/two-views.yaml", "$.sections[0]", "a section has a reflection or a knowledge check, never both"),
                new PackProblem("scenarios/friday.yaml", "$.colour",
                        "property 'colour' is not defined in the schema and the schema does not allow additional properties"),
                new PackProblem("scenarios/friday.yaml", "$.seat", "does not have a value in the enumeration [\"manager\", \"clinician\"]"),
                new PackProblem("scenarios/friday.yaml", "$.scenes[0].choices[0].points", "must have a maximum value of 3"));
    }

    @Test
    void reportsMissingFieldsAndTooFewChoices() throws IOException {
        Map<String, String> files = edit(valid(), "scenarios/friday.yaml", s -> s
                .replace("title: The Friday discharge\n", "")
                .replace("""
                              - id: push
                                text: Ask for the discharge now.
                                effects: {trust: -10}
                                next: bed-meeting
                                points: 0
                        """, ""));
        assertThat(problems(files)).containsExactlyInAnyOrder(
                new PackProblem("scenarios/friday.yaml", "$", "required property 'title' not found"),
                new PackProblem("scenarios/friday.yaml", "$.scenes[0].choices", "must have at least 2 items but found 1"));
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheLine() throws IOException {
        Map<String, String> files = edit(valid(), "instruments/working-together.yaml", s -> s.replace("title: Working together", "title: [unclosed"));
        assertThat(problems(files)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("instruments/working-together.yaml");
            assertThat(p.path()).isEqualTo("$");
            assertThat(p.message()).startsWith("not valid YAML (line ");
        });
    }

    @Test
    void reportsDuplicateKeysAndFilesOutsideTheLayout() throws IOException {
        Map<String, String> files = edit(valid(), "pack.yaml", s -> s + "title: Again\n");
        files.put("extras/notes.yaml", "id: notes");
        files.put("README.md", "ignored");
        assertThat(problems(files)).extracting(PackProblem::file).containsExactly("pack.yaml", "extras/notes.yaml");
    }

    @Test
    void requiresAPackFile() throws IOException {
        Map<String, String> files = new TreeMap<>(valid());
        files.remove("pack.yaml");
        assertThat(problems(files)).containsExactly(new PackProblem("pack.yaml", "$", "the pack has no pack.yaml (id, version, title)"));
    }

    // ------------------------------------------------------------------ semantic errors

    @Test
    void reportsReferencesToNoSceneOrEndingAndUnknownMeasures() throws IOException {
        Map<String, String> files = edit(valid(), "scenarios/friday.yaml", s -> s
                .replace("next: safe-discharge", "next: nowhere")
                .replace("effects: {trust: -10}", "effects: {morale: -10}")
                .replace("start: ward-round", "start: safe-discharge"));
        assertThat(problems(files)).contains(
                new PackProblem("scenarios/friday.yaml", "$.start", "start 'safe-discharge' is an ending, not a scene"),
                new PackProblem("scenarios/friday.yaml", "$.scenes[1].choices[0].next", "next 'nowhere' names no scene or ending of this scenario"),
                new PackProblem("scenarios/friday.yaml", "$.scenes[0].choices[1].effects.morale",
                        "'morale' is not a measure of this scenario (measures: safety, trust)"));
    }

    @Test
    void reportsMeasuresStartingOutsideTheirRange() throws IOException {
        Map<String, String> files = edit(valid(), "scenarios/friday.yaml", s -> s.replace("initial: 50, min: 0, max: 100}\n  - {id: trust",
                "initial: 120, min: 0, max: 100}\n  - {id: trust"));
        assertThat(problems(files)).containsExactly(new PackProblem("scenarios/friday.yaml", "$.measures[0].initial", "initial 120 is outside [0, 100]"));
    }

    @Test
    void reportsScenesThatCannotBeReached() throws IOException {
        Map<String, String> files = edit(valid(), "scenarios/friday.yaml", s -> s.replace("endings:", """
                  - id: side-room
                    title: Side room
                    narrative: Nobody comes here.
                    choices:
                      - {id: a, text: A, next: safe-discharge, points: 1}
                      - {id: b, text: B, next: readmission, points: 0}
                endings:"""));
        assertThat(problems(files)).containsExactly(
                new PackProblem("scenarios/friday.yaml", "$.scenes[2]", "scene 'side-room' cannot be reached from start 'ward-round'"));
    }

    @Test
    void reportsScenesFromWhichNoPathLeadsToAnEnding() throws IOException {
        Map<String, String> files = edit(valid(), "scenarios/friday.yaml", s -> s
                .replace("next: readmission", "next: corridor")
                .replace("endings:", """
                          - id: corridor
                            title: Corridor
                            narrative: Round and round.
                            choices:
                              - {id: a, text: A, next: ward-round, points: 0}
                              - {id: b, text: B, next: corridor, points: 0}
                        endings:"""));
        List<PackProblem> problems = problems(files);
        assertThat(problems).contains(
                new PackProblem("scenarios/friday.yaml", "$.scenes[2].choices[0].next",
                        "next 'ward-round' leads back to an earlier scene: scenario paths must not loop (the score compares a path with the best one)"),
                new PackProblem("scenarios/friday.yaml", "$.scenes[2].choices[1].next",
                        "next 'corridor' leads back to an earlier scene: scenario paths must not loop (the score compares a path with the best one)"));

        Map<String, String> deadEnd = edit(valid(), "scenarios/friday.yaml", s -> s
                .replace("next: safe-discharge", "next: corridor")
                .replace("next: readmission", "next: corridor")
                .replace("endings:", """
                          - id: corridor
                            title: Corridor
                            narrative: Round and round.
                            choices:
                              - {id: a, text: A, next: corridor, points: 0}
                              - {id: b, text: B, next: corridor, points: 0}
                        endings:"""));
        assertThat(problems(deadEnd)).contains(
                new PackProblem("scenarios/friday.yaml", "$.scenes[0]", "no path from scene 'ward-round' leads to an ending"),
                new PackProblem("scenarios/friday.yaml", "$.scenes[1]", "no path from scene 'bed-meeting' leads to an ending"),
                new PackProblem("scenarios/friday.yaml", "$.scenes[2]", "no path from scene 'corridor' leads to an ending"));
    }

    @Test
    void reportsKnowledgeCheckAnswerOutsideTheOptions() throws IOException {
        Map<String, String> files = edit(valid(), "modules/two-views.yaml", s -> s.replace("correct: 0", "correct: 3"));
        assertThat(problems(files)).containsExactly(new PackProblem("modules/two-views.yaml", "$.sections[1].check.correct",
                "correct is 3 but the check has 3 options (0 to 2)"));
    }

    @Test
    void reportsScaleLabelsThatDoNotMatchThePoints() throws IOException {
        Map<String, String> files = edit(valid(), "instruments/working-together.yaml", s -> s.replace("max: 5", "max: 7"));
        assertThat(problems(files)).containsExactly(new PackProblem("instruments/working-together.yaml", "$.scale.labels",
                "5 labels for a scale from 1 to 7: it needs 7, one per point"));
    }

    @Test
    void reportsDuplicateIds() throws IOException {
        Map<String, String> files = edit(valid(), "instruments/working-together.yaml", s -> s.replace("{id: t1,", "{id: u1,"));
        files.put("modules/copy.yaml", files.get("modules/two-views.yaml"));
        files = edit(files, "scenarios/friday.yaml", s -> s.replace("- id: push", "- id: listen"));
        assertThat(problems(files)).containsExactly(
                new PackProblem("modules/two-views.yaml", "$.id", "module id 'two-views' is already used by modules/copy.yaml $"),
                new PackProblem("scenarios/friday.yaml", "$.scenes[0].choices[1].id", "choice id 'listen' is already used at $.scenes[0].choices[0]"),
                new PackProblem("instruments/working-together.yaml", "$.subscales[1].items[0].id",
                        "item id 'u1' is already used at $.subscales[0].items[0]"));
    }

    @Test
    void listsEveryProblemOfThePackAtOnce() throws IOException {
        Map<String, String> files = edit(valid(), "pack.yaml", s -> s.replace("version: 1", "version: 0"));
        files = edit(files, "modules/two-views.yaml", s -> s.replace("correct: 0", "correct: 9"));
        files = edit(files, "scenarios/friday.yaml", s -> s.replace("points: 3", "points: 5"));
        files = edit(files, "instruments/working-together.yaml", s -> s.replace("min: 1,", "min: 2,"));
        files.put("scenarios/second.yaml", valid().get("scenarios/friday.yaml").replace("id: friday", "id: second")
                .replace("start: ward-round", "start: nowhere"));
        files = edit(files, "scenarios/second.yaml", s -> s.replace("next: safe-discharge", "next: nowhere"));

        assertThat(problems(files)).extracting(p -> p.file() + " " + p.path()).containsExactly(
                "pack.yaml $.version",
                "modules/two-views.yaml $.sections[1].check.correct",
                "scenarios/friday.yaml $.scenes[0].choices[0].points",
                "scenarios/friday.yaml $.scenes[1].choices[0].points",
                "scenarios/second.yaml $.start",
                "scenarios/second.yaml $.scenes[1].choices[0].next",
                "instruments/working-together.yaml $.scale.labels");
    }

    // ------------------------------------------------------------------ zips

    @Test
    void refusesZipSlipPaths() {
        Map<String, String> files = new TreeMap<>(valid());
        files.put("../../etc/cron.d/evil.yaml", "id: evil");
        files.put("/tmp/absolute.yaml", "id: evil");
        files.put("modules\\..\\..\\windows.yaml", "id: evil");
        assertThat(zipProblems(TestPacks.zip(files))).extracting(PackProblem::file)
                .containsExactlyInAnyOrder("../../etc/cron.d/evil.yaml", "/tmp/absolute.yaml", "modules\\..\\..\\windows.yaml");
        assertThat(zipProblems(TestPacks.zip(files))).allSatisfy(p -> assertThat(p.message()).startsWith("unsafe path in the zip"));
    }

    @Test
    void aZipCutShortAnywhereIsReportedWithARealReason() {
        byte[] zip = TestPacks.zip(valid());
        for (int length = 1; length < zip.length; length++) {
            List<PackProblem> problems = zipProblems(java.util.Arrays.copyOf(zip, length));
            assertThat(problems).as("cut after %d of %d bytes", length, zip.length).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.message()).doesNotContain("null"));
        }
        assertThat(zipProblems(java.util.Arrays.copyOf(zip, zip.length / 2))).extracting(PackProblem::message)
                .singleElement().satisfies(m -> assertThat(m).containsAnyOf("cut short", "damaged", "ZLIB"));
    }

    @Test
    void refusesZipsWithTooManyEntriesOrTooMuchContent() {
        Map<String, String> many = new TreeMap<>(valid());
        for (int i = 0; i < 200; i++) {
            many.put("notes/n" + i + ".txt", "x");
        }
        assertThat(zipProblems(TestPacks.zip(many))).containsExactly(
                new PackProblem(PackReader.ARCHIVE, "$", "the zip has more than 200 entries"));

        Map<String, byte[]> bomb = new TreeMap<>();
        bomb.put("pack.yaml", new byte[3 * 1024 * 1024]); // compresses to a few kB, inflates past the limit
        byte[] zip = TestPacks.zipBytes(bomb);
        assertThat(zip.length).isLessThan(100_000);
        assertThat(zipProblems(zip)).containsExactly(
                new PackProblem(PackReader.ARCHIVE, "$", "the zip's content is larger than 2 MB uncompressed"));

        assertThat(zipProblems(new byte[PackReader.MAX_ZIP_BYTES + 1])).extracting(PackProblem::message)
                .containsExactly("the zip is larger than 2 MB");
        assertThat(zipProblems("id: not a zip".getBytes(StandardCharsets.UTF_8))).extracting(PackProblem::message)
                .containsExactly("not a zip archive, or an empty one");
    }
}
