-- Schema 5 (augmentation): whether a regimen item's start date is the day the person started
-- ("given"), a date they could not give ("unknown"), or the day it was added ("defaulted").
-- The augmentation screen takes the diary from the start as the period when a dopaminergic
-- drug first worked only for a given date. Rows from before this column read as defaulted
-- (NULL), so nothing stored changes meaning by a guess.
ALTER TABLE regimen ADD COLUMN start_source TEXT;
