package org.tandem.catalogue.entity;

/**
 * One thing wrong with a content pack, precise enough for an author to fix it.
 *
 * @param file    the file inside the pack, e.g. {@code scenarios/discharge-delay.yaml}
 * @param path    JSON path of the offending value in that file, e.g. {@code $.scenes[2].choices[0].next}
 * @param message what is wrong, in the author's terms
 */
public record PackProblem(String file, String path, String message) {

    @Override
    public String toString() {
        return file + " " + path + ": " + message;
    }
}
