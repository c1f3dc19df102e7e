package org.tandem.learning.control;

import java.util.OptionalDouble;

/**
 * One subscale's score in one response.
 *
 * @param mean     mean of the answered items after reverse scoring; empty when more than half
 *                 the subscale's items are missing
 * @param answered items answered
 * @param missing  items not answered
 */
public record SubscaleScore(String subscaleId, OptionalDouble mean, int answered, int missing) {
}
