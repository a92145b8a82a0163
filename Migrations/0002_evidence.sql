-- Mastery that measures the learner (issue 12).
-- An attempt made after the part's key was shown is stored but is not evidence for mastery;
-- the reason is recorded on the attempt. Earlier attempts count, as they did.
ALTER TABLE attempts ADD COLUMN evidence TEXT NOT NULL DEFAULT 'counted'
    CHECK (evidence IN ('counted', 'key-shown'));

-- How many distinct exercises gave counted evidence for the objective: "mastered" needs two.
-- The cache is rebuilt by replay (`course-admin regrade` replays every learner whose grades
-- move; the grader version changed with this migration); 1 is the value an existing row with
-- observations most often has.
ALTER TABLE mastery ADD COLUMN exercises INTEGER NOT NULL DEFAULT 1;
