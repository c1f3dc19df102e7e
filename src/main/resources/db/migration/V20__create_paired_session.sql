-- Live paired scenarios: one session per pair (or solo learner) and case in a course, and every
-- move of its play. Moves are written before anyone is told of them, so a session survives a
-- restart; (session_id, seq) is unique, so two moves can never both be the n-th.
CREATE SEQUENCE paired_session_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE paired_session (
    id                    BIGINT        PRIMARY KEY,
    platform_id           BIGINT        NOT NULL,
    deployment_id         VARCHAR(255)  NOT NULL,
    context_id            VARCHAR(255)  NOT NULL,
    case_id               VARCHAR(100)  NOT NULL,
    case_version          INTEGER       NOT NULL,
    -- the sorted subjects of the pair, or the one subject of a solo learner: one session per pair and case
    pair_key              VARCHAR(600)  NOT NULL,
    manager_seat          VARCHAR(255)  NOT NULL,
    clinician_seat        VARCHAR(255)  NOT NULL,
    solo                  BOOLEAN       NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at              TIMESTAMP WITH TIME ZONE,
    score                 DOUBLE PRECISION,
    lock_version          INTEGER       NOT NULL,
    CONSTRAINT uq_paired_session UNIQUE (platform_id, deployment_id, context_id, case_id, pair_key)
);

CREATE TABLE paired_move (
    session_id            BIGINT        NOT NULL,
    seq                   INTEGER       NOT NULL,
    seat                  VARCHAR(16)   NOT NULL,
    subject               VARCHAR(255)  NOT NULL,
    kind                  VARCHAR(16)   NOT NULL,
    decision_id           VARCHAR(100)  NOT NULL,
    option_id             VARCHAR(100),
    text                  VARCHAR(2000),
    made_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_paired_move PRIMARY KEY (session_id, seq),
    CONSTRAINT fk_paired_move FOREIGN KEY (session_id) REFERENCES paired_session (id) ON DELETE CASCADE
);
