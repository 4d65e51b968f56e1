-- The as-of the board's current files show: the latest period the scorecard holds. A backfill of older
-- periods republishes the tables but never puts an older period in front of the board.
-- Grain: one row. Input: kpi.scorecard.
select max(period_end) as board_as_of
from kpi.scorecard
