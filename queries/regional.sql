-- name: fifths
-- Each shown figure's fifth of the region ($figures: partnership, indicator_id, value as shown; hidden and
-- missing figures are left out before, so they neither take a fifth nor move anyone else's).
select
    partnership,
    indicator_id,
    count(*) over by_indicator as ranked,
    region_fifth(
        rank() over (partition by indicator_id order by value),
        count(*) over by_indicator - rank() over (partition by indicator_id order by value desc) + 1,
        count(*) over by_indicator
    ) as quintile
from figures
window by_indicator as (partition by indicator_id)
order by indicator_id, partnership
