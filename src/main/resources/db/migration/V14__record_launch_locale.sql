-- The language the platform asked pages to use (launch_presentation.locale), so every page of
-- the launch session speaks it when Tandem has a translation.
ALTER TABLE launch_session ADD COLUMN locale VARCHAR(35);
