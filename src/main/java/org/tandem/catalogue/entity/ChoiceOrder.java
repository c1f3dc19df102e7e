package org.tandem.catalogue.entity;

/**
 * How a scenario's choices are listed to a learner. Shuffled by default, so that a learner cannot
 * learn where the good option stands; authored order for scenes whose options read as a sequence
 * (for example "do nothing / do a little / do a lot").
 */
public enum ChoiceOrder {
    SHUFFLED, AUTHORED
}
