-- Which of a learner's completed attempts a graded link sends: HIGHEST (the default, so a replay
-- never lowers a grade), LATEST or FIRST, chosen by the trainer per link.
ALTER TABLE grade_column ADD COLUMN attempt_policy VARCHAR(16) DEFAULT 'HIGHEST' NOT NULL;
