package org.tandem.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which language a page speaks: the launch's when Tandem has it, else the browser's, else
 * British English. A test bundle (messages_en_XA.properties, a pseudo-locale in src/test/resources)
 * stands for a translation: it arrives as a file, with no code change.
 */
class MessagesTest {

    @Test
    void speaksBritishEnglishWhenNobodyAsks() {
        Messages messages = Messages.choose(Optional.empty(), null);
        assertThat(messages.lang()).isEqualTo("en-GB");
        assertThat(messages.text("page.skip")).isEqualTo("Skip to content");
    }

    @Test
    void speaksTheBrowsersFirstLanguageThatHasATranslation() {
        Messages messages = Messages.choose(Optional.empty(), "fr-FR, fr;q=0.9, en-XA;q=0.8, en;q=0.5");
        assertThat(messages.lang()).isEqualTo("en-XA");
        assertThat(messages.text("page.skip")).isEqualTo("[Šķîþ ţö çöñţéñţ]");
    }

    @Test
    void theLaunchLocaleWinsOverTheBrowser() {
        // LMSs write the locale with an underscore (Moodle: en_XA) or a hyphen
        assertThat(Messages.choose(Optional.of("en_XA"), "en-GB").lang()).isEqualTo("en-XA");
        assertThat(Messages.choose(Optional.of("en-GB"), "en-XA").lang()).isEqualTo("en-GB");
    }

    @Test
    void aLaunchLocaleWithoutTranslationLeavesTheChoiceToTheBrowser() {
        assertThat(Messages.choose(Optional.of("de_DE"), "de, en-XA;q=0.5").lang()).isEqualTo("en-XA");
        assertThat(Messages.choose(Optional.of("de_DE"), "de").lang()).isEqualTo("en-GB");
    }

    @Test
    void otherEnglishesGetBritishEnglish() {
        Messages messages = Messages.choose(Optional.of("en_US"), null);
        assertThat(messages.lang()).isEqualTo("en-GB");
        assertThat(messages.text("home.title")).isEqualTo("Welcome");
    }

    @Test
    void malformedHeadersAskForNothing() {
        assertThat(Messages.choose(Optional.empty(), ";;q=x,,").lang()).isEqualTo("en-GB");
    }

    @Test
    void theServersOwnLocaleNeverChangesThePages() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(new Locale("en", "XA"));
            assertThat(Messages.choose(Optional.empty(), "de").lang()).isEqualTo("en-GB");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aKeyATranslationLacksShowsInBritishEnglish() {
        Messages pseudo = Messages.of(Locale.forLanguageTag("en-XA"));
        assertThat(pseudo.text("home.heading", "Alex")).isEqualTo("[Ŵéļçömé, Alex]");
        assertThat(pseudo.text("home.role")).isEqualTo("Your role in Tandem");
    }

    @Test
    void fillsNumberedValuesLiterally() {
        assertThat(Messages.fill("{1} and {0}, {0}'s {2}", "a", "b")).isEqualTo("b and a, a's {2}");
        assertThat(Messages.fill("$1 \\ {0}", "$2")).isEqualTo("$1 \\ $2");
    }

    @Test
    void anUnknownKeyIsAnErrorNotABlank() {
        assertThatThrownBy(() -> Messages.of(Locale.UK).text("no.such.key")).isInstanceOf(MissingResourceException.class);
    }
}
