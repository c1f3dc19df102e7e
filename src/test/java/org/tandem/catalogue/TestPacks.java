package org.tandem.catalogue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small, valid content packs written as files, for the catalogue's tests to break one thing at a time. */
public final class TestPacks {

    private TestPacks() {
    }

    /**
     * A valid pack folder: path inside the pack → YAML text. Its instrument, working-together
     * version 1, is not the starter pack's relationship instrument, so these packs can be published
     * beside it (an instrument id and version name one content across all packs).
     */
    public static Map<String, String> valid(String id, int version) {
        Map<String, String> files = new TreeMap<>();
        files.put("pack.yaml", """
                id: %s
                version: %d
                title: Test pack %s
                description: A pack for tests.
                """.formatted(id, version, id));
        files.put("modules/two-views.yaml", """
                id: two-views
                title: Two views of the same list
                summary: Why a wait looks different from the board room and the clinic.
                minutes: 15
                sections:
                  - id: the-list
                    title: The list on Monday
                    intro: Both read this first.
                    manager_view: |
                      The **target** is 18 weeks.
                    clinician_view: |
                      The *patient* is in pain.
                    reflection: What would you want the other person to know?
                  - id: breach
                    title: What counts as a breach
                    manager_view: Clock starts at referral.
                    clinician_view: Clinical priority decides.
                    check:
                      question: When does the clock start?
                      options: [At referral, At first appointment, At surgery]
                      correct: 0
                      explanation: The clock starts at referral.
                """);
        files.put("scenarios/friday.yaml", """
                id: friday
                title: The Friday discharge
                summary: A bed is needed; a patient is nearly ready.
                seat: manager
                start: ward-round
                measures:
                  - {id: safety, label: Patient safety, initial: 50, min: 0, max: 100}
                  - {id: trust, label: Team trust, initial: 50, min: 0, max: 100}
                scenes:
                  - id: ward-round
                    title: Ward round
                    narrative: The registrar is worried.
                    choices:
                      - id: listen
                        text: Ask what worries her.
                        effects: {trust: 10, safety: 5}
                        next: bed-meeting
                        points: 3
                        feedback: Listening first pays.
                      - id: push
                        text: Ask for the discharge now.
                        effects: {trust: -10}
                        next: bed-meeting
                        points: 0
                  - id: bed-meeting
                    title: Bed meeting
                    narrative: Two patients wait in the emergency department.
                    choices:
                      - id: wait
                        text: Wait for the scan.
                        effects: {safety: 10}
                        next: safe-discharge
                        points: 3
                      - id: discharge
                        text: Discharge today.
                        effects: {safety: -20}
                        next: readmission
                        points: 1
                endings:
                  - id: safe-discharge
                    title: A safe discharge
                    narrative: Monday, home.
                    debrief: Both sides needed time.
                  - id: readmission
                    title: Readmitted
                    narrative: Back on Sunday.
                    debrief: The bed was not free after all.
                """);
        files.put("instruments/working-together.yaml", """
                id: working-together
                version: 1
                title: Working together
                instructions: Answer for your own team.
                scale: {min: 1, max: 5, labels: [Strongly disagree, Disagree, Neither, Agree, Strongly agree]}
                subscales:
                  - id: understanding
                    title: Understanding
                    items:
                      - {id: u1, text: I understand their pressures., reverse: false}
                      - {id: u2, text: Their priorities puzzle me., reverse: true}
                  - id: trust
                    title: Trust
                    items:
                      - {id: t1, text: I trust their judgement.}
                outlook:
                  id: outlook
                  text: In five years the relationship will…
                  options: [Get better, Stay the same, Get worse]
                then_test: true
                free_text_prompt: Anything else?
                """);
        return files;
    }

    public static byte[] zip(Map<String, String> files) {
        Map<String, byte[]> bytes = new TreeMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return zipBytes(bytes);
    }

    public static byte[] zipBytes(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
