package org.tandem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tandem.access.entity.TandemRole;

/**
 * What every page template (src/main/jte) and every message bundle may hold. The strict CSP
 * (script-src 'self', no inline styles) would block inline script, style and event handlers in a
 * browser; this keeps them out of the sources so that nothing depends on a browser refusing them.
 * Unescaped output is allowed for sanitised Markdown only.
 */
class TemplateSourcesTest {

    private static final Path TEMPLATES = Path.of("src/main/jte");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("(?i)<script(?![^>]*\\bsrc=)[^>]*>");
    private static final Pattern STYLE = Pattern.compile("(?i)(<style|\\bstyle\\s*=)");
    private static final Pattern HANDLER = Pattern.compile("(?i)<[^>]*\\son[a-z]+\\s*=");
    private static final Pattern SCRIPT_URL = Pattern.compile("(?i)javascript:");
    private static final Pattern UNSAFE = Pattern.compile("\\$unsafe\\{([^}]*)}");
    private static final Pattern SAFE_MARKUP = Pattern.compile("[\\w.()]+\\.markup\\(\\)");
    private static final Pattern KEY = Pattern.compile("(?:localize|text)\\(\"([A-Za-z0-9_.]+)\"");
    /** In Java, the keys boundaries look up through Pages or Messages. */
    private static final Pattern JAVA_KEY = Pattern.compile("\\b(?:pages|messages|words)\\.text\\(\"([A-Za-z0-9_.]+)\"|notFound\\(\"([A-Za-z0-9_.]+)\"");
    /** A refusal page names a key whose .title and .text the bundle holds. */
    private static final Pattern PROBLEM_KEY = Pattern.compile("problem\\(\\d{3}, \"([A-Za-z0-9_.]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?m)^@import\\s+(\\S+)");

    record Source(Path path, String text) {
    }

    private static List<Source> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<Source> sources = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".jte")).toList()) {
                sources.add(new Source(p, Files.readString(p)));
            }
            return sources;
        }
    }

    private static Properties bundle(String resource) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources", resource), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    private static List<Source> bundles() throws IOException {
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            for (Path p : files.filter(f -> f.getFileName().toString().matches("messages(_.*)?\\.properties")).toList()) {
                sources.add(new Source(p, Files.readString(p)));
            }
        }
        return sources;
    }

    @Test
    void thereAreTemplatesAndBundlesToCheck() throws IOException {
        assertThat(templates()).extracting(s -> TEMPLATES.relativize(s.path()).toString().replace('\\', '/'))
                .contains("platform/boundary/page.jte", "lti/web/page.jte", "access/boundary/home.jte");
        assertThat(bundles()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void noInlineScriptStyleOrEventHandler() throws IOException {
        List<Source> all = new ArrayList<>(templates());
        all.addAll(bundles());
        for (Source s : all) {
            assertThat(INLINE_SCRIPT.matcher(s.text()).find()).as("inline <script> in %s", s.path()).isFalse();
            assertThat(STYLE.matcher(s.text()).find()).as("style in %s", s.path()).isFalse();
            assertThat(HANDLER.matcher(s.text()).find()).as("on*= handler in %s", s.path()).isFalse();
            assertThat(SCRIPT_URL.matcher(s.text()).find()).as("javascript: URL in %s", s.path()).isFalse();
        }
    }

    @Test
    void onlySanitisedMarkdownIsWrittenUnescaped() throws IOException {
        for (Source s : templates()) {
            assertThat(s.text()).as(s.path().toString()).doesNotContain("$raw");
            Matcher m = UNSAFE.matcher(s.text());
            while (m.find()) {
                // SafeHtml.markup() is the only markup() in Tandem (ArchitectureTest), and only the sanitiser makes a SafeHtml
                assertThat(m.group(1).trim()).as("$unsafe in %s", s.path()).matches(SAFE_MARKUP);
            }
        }
    }

    @Test
    void everyKeyATemplateNamesIsInItsBaseBundle() throws IOException {
        Properties tandem = bundle("messages.properties");
        Properties lti = bundle("org/tandem/lti/web/messages.properties");
        for (Source s : templates()) {
            Properties words = TEMPLATES.relativize(s.path()).startsWith("lti") ? lti : tandem;
            Matcher m = KEY.matcher(s.text());
            while (m.find()) {
                if (!m.group(1).endsWith(".")) {
                    assertThat(words.containsKey(m.group(1))).as("key %s of %s", m.group(1), s.path()).isTrue();
                }
            }
        }
    }

    @Test
    void everyKeyTheBoundariesNameIsInTheBaseBundle() throws IOException {
        Properties tandem = bundle("messages.properties");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/tandem"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith("src/main/java/org/tandem/lti")).toList()) {
                String java = Files.readString(p);
                Matcher m = JAVA_KEY.matcher(java);
                while (m.find()) {
                    String key = m.group(1) != null ? m.group(1) : m.group(2);
                    if (!key.endsWith(".")) {
                        assertThat(tandem.containsKey(key)).as("key %s of %s", key, p).isTrue();
                    }
                }
                Matcher problem = PROBLEM_KEY.matcher(java);
                while (problem.find()) {
                    assertThat(tandem.containsKey(problem.group(1) + ".title") && tandem.containsKey(problem.group(1) + ".text"))
                            .as("keys %s.title and .text of %s", problem.group(1), p).isTrue();
                }
            }
        }
        for (TandemRole role : TandemRole.values()) {
            assertThat(tandem).containsKeys("role." + role.name(), "role.plural." + role.name(), "home.next." + role.name());
        }
    }

    @Test
    void ltiTemplatesImportNothingOfTheApplication() throws IOException {
        for (Source s : templates()) {
            if (!TEMPLATES.relativize(s.path()).startsWith("lti")) {
                continue;
            }
            Matcher m = IMPORT.matcher(s.text());
            while (m.find()) {
                assertThat(m.group(1)).as("import in %s", s.path()).matches("(org\\.tandem\\.lti\\.|gg\\.jte\\.|java\\.).*");
            }
            assertThat(s.text()).as("%s calls only lti templates", s.path()).doesNotContainPattern("@template\\.(?!lti\\.)");
        }
    }
}
