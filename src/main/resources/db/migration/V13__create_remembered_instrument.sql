-- The instrument an evaluator last chose in an evaluation scope, so that the evaluation opens on
-- it again from a later launch (whose address names no instrument). Keyed by the evaluator's
-- pseudonym, never an LMS user id, within the tenant (platform + deployment); context_id is the
-- course, or '' for the programme view of the whole deployment.

CREATE TABLE remembered_instrument (
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    evaluator             VARCHAR(64)   NOT NULL,
    context_id            VARCHAR(255)  NOT NULL,
    instrument_id         VARCHAR(64)   NOT NULL,
    instrument_version    INTEGER       NOT NULL,
    content_hash          VARCHAR(64)   NOT NULL,
    chosen_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_remembered_instrument PRIMARY KEY (platform_id, deployment_id, evaluator, context_id)
);
