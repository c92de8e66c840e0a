-- name: define_constants
-- The method's constants: the fewest points for limits, the run lengths of a shift and a trend, the
-- limits' factor (3 / 1.128, three sigma from the mean moving range) and the z of a 95% interval.
create or replace macro spc_min_points() as 12;
create or replace macro spc_shift_length() as 7;
create or replace macro spc_trend_length() as 7;
create or replace macro spc_limit_factor() as 2.66;
create or replace macro spc_z() as 1.96;

-- name: define_macros
-- Statistical process control as NHS England's "Making Data Count" draws it: an XmR chart per indicator.
-- The centre line is the mean of the points; the moving range is |x(i) - x(i-1)|; the process limits are
-- mean +/- 2.66 x the mean moving range. A recalculation point (spc_baselines) starts a new segment whose
-- mean and limits use its own points only. With fewer than spc_min_points() points in a segment there
-- are no limits and no special-cause rules. Comparisons are rounded to 9 places (as rag_of does), so a
-- value sitting on a line is on it.
-- 1 above the line, -1 below, 0 on it.
create or replace macro spc_side(x, line) as sign(round(x - line, 9));
-- The 95% Wilson score interval of numerator / denominator, in percent.
-- Clamped to 0..100: at 0 of n (or n of n) the formula's own bound is 0 (100) up to rounding.
create or replace macro wilson_lo(numerator, denominator) as
    case when denominator > 0 then greatest(0, 100 * (
        numerator / denominator + spc_z() ^ 2 / (2 * denominator)
        - spc_z() * sqrt(numerator / denominator * (1 - numerator / denominator) / denominator
                         + spc_z() ^ 2 / (4 * denominator ^ 2))
    ) / (1 + spc_z() ^ 2 / denominator)) end;
create or replace macro wilson_hi(numerator, denominator) as
    case when denominator > 0 then least(100, 100 * (
        numerator / denominator + spc_z() ^ 2 / (2 * denominator)
        + spc_z() * sqrt(numerator / denominator * (1 - numerator / denominator) / denominator
                         + spc_z() ^ 2 / (4 * denominator ^ 2))
    ) / (1 + spc_z() ^ 2 / denominator)) end;

-- Every point of a view with its segment's mean and limits, its moving range and the four rules:
-- outside the limits; a shift (spc_shift_length() points in a row on one side of the mean); a trend
-- (spc_trend_length() points in a row each above, or each below, the one before); two of three points in
-- a row beyond two-thirds of the way to a limit on the same side (within the limits: a point outside
-- is the first rule's). high/low say which way the special cause points.
create or replace macro spc_points(for_view) as table
with series as (
    select
        i.indicator_id, i.view, i.period_start, i.value, i.numerator, i.denominator, i.unit, i.polarity,
        coalesce(b.start_period, date '0001-01-01') as segment_start
    from spc_input as i
    asof left join spc_baselines as b
        on b.indicator_id = i.indicator_id and b.view = i.view and i.period_start >= b.start_period
    where i.view = for_view and i.value is not null
),

moving as (
    select
        *,
        abs(value - lag(value) over segment) as moving_range,
        count(*) over whole_segment as segment_points,
        avg(value) over whole_segment as segment_mean
    from series
    window segment as (partition by indicator_id, segment_start order by period_start),
        whole_segment as (partition by indicator_id, segment_start)
),

limited as (
    select
        *,
        -- The first point of a segment has no moving range; avg skips it.
        avg(moving_range) over (partition by indicator_id, segment_start) as mean_moving_range
    from moving
),

lined as (
    select
        *,
        case when segment_points >= spc_min_points() then segment_mean end as mean,
        case when segment_points >= spc_min_points()
            then segment_mean - spc_limit_factor() * mean_moving_range end as lower,
        case when segment_points >= spc_min_points()
            then segment_mean + spc_limit_factor() * mean_moving_range end as upper
    from limited
),

sided as (
    select
        *,
        spc_side(value, mean) as side,
        spc_side(value, lag(value) over segment) as direction,
        case
            when spc_side(value, upper) > 0 then 1
            when spc_side(value, lower) < 0 then -1
            else 0
        end as outside,
        case
            when spc_side(value, upper) <= 0 and spc_side(value, mean + 2 * (upper - mean) / 3) > 0 then 1
            when spc_side(value, lower) >= 0 and spc_side(value, mean - 2 * (mean - lower) / 3) < 0 then -1
            else 0
        end as near
    from lined
    window segment as (partition by indicator_id, segment_start order by period_start)
),

islands as (
    select
        *,
        row_number() over segment
        - row_number() over (partition by indicator_id, segment_start, side order by period_start) as side_island,
        row_number() over segment
        - row_number() over (partition by indicator_id, segment_start, direction order by period_start)
            as direction_island
    from sided
    window segment as (partition by indicator_id, segment_start order by period_start)
),

runs as (
    select
        *,
        count(*) over (partition by indicator_id, segment_start, side, side_island) as side_run,
        -- A run of n steps in one direction spans n + 1 points.
        count(*) over (partition by indicator_id, segment_start, direction, direction_island) + 1 as direction_run
    from islands
),

neighbours as (
    select
        *,
        lead(direction) over segment as next_direction,
        lead(direction_run) over segment as next_direction_run,
        [lag(near, 2) over segment, lag(near) over segment, lead(near) over segment, lead(near, 2) over segment]
            as near_by
    from runs
    window segment as (partition by indicator_id, segment_start order by period_start)
),

ruled as (
    select
        *,
        mean is not null and outside <> 0 as rule_outside,
        mean is not null and side <> 0 and side_run >= spc_shift_length() as rule_shift,
        mean is not null and (
            (direction <> 0 and direction_run >= spc_trend_length())
            or (next_direction <> 0 and next_direction_run >= spc_trend_length())
        ) as rule_trend,
        mean is not null and near <> 0 and list_contains(near_by, near) as rule_two_of_three,
        -- The way each rule points: the side of the limit or mean, or the trend's direction (a point that
        -- ends one trend and starts another points both ways).
        (mean is not null and outside = 1)
        or (mean is not null and side = 1 and side_run >= spc_shift_length())
        or (mean is not null and direction = 1 and direction_run >= spc_trend_length())
        or (mean is not null and next_direction = 1 and next_direction_run >= spc_trend_length())
        or (mean is not null and near = 1 and list_contains(near_by, 1)) as high,
        (mean is not null and outside = -1)
        or (mean is not null and side = -1 and side_run >= spc_shift_length())
        or (mean is not null and direction = -1 and direction_run >= spc_trend_length())
        or (mean is not null and next_direction = -1 and next_direction_run >= spc_trend_length())
        or (mean is not null and near = -1 and list_contains(near_by, -1)) as low
    from neighbours
),

final as (
    select
        indicator_id,
        view,
        period_start,
        value,
        numerator,
        denominator,
        unit,
        polarity,
        segment_start,
        segment_points,
        mean,
        lower,
        upper,
        moving_range,
        coalesce(rule_outside or rule_shift or rule_trend or rule_two_of_three, false) as special_cause,
        concat_ws(';',
            case when rule_outside then 'outside' end,
            case when rule_shift then 'shift' end,
            case when rule_trend then 'trend' end,
            case when rule_two_of_three then 'two_of_three' end) as rules,
        -- Which way the special cause points: 1 high, -1 low; pulled both ways, the side of the mean.
        case
            when coalesce(high, false) and not coalesce(low, false) then 1
            when coalesce(low, false) and not coalesce(high, false) then -1
            else coalesce(side, 0)
        end as signal
    from ruled
)

select * from final;

-- name: constants
-- The method's constants, for the sentences Python writes.
select
    spc_min_points() as min_points,
    spc_shift_length() as shift_length,
    spc_trend_length() as trend_length;

-- name: chart
-- One indicator's XmR chart in a view, point by point ($indicator_id, $view).
select period_start, value, mean, lower, upper, moving_range, special_cause, rules
from spc_points($view)
where indicator_id = $indicator_id
order by period_start;

-- name: verdicts
-- Every point of a view with its variation (the MDC icon for the latest point: common cause, special
-- cause improving or concerning by polarity, or neither where polarity is none or a band), its assurance
-- against the green limit in rag_thresholds (both process limits on the passing side: pass; both on the
-- failing side: fail; the target between them: hit and miss; for a band, both limits inside the green
-- range: pass, both beyond one end of it: fail), and a Wilson 95% interval for percentages ($view).
with points as (
    select * from spc_points($view)
),

judged as (
    select
        p.indicator_id,
        p.period_start,
        case
            when p.mean is null then 'too_few'
            when not p.special_cause then 'common'
            when p.polarity not in ('up', 'down') or p.signal = 0 then 'special_neither'
            when (p.polarity = 'up') = (p.signal = 1) then 'improving'
            else 'concerning'
        end as variation,
        case
            when p.mean is null or t.method is null then 'none'
            when t.method = 'up' and spc_side(p.lower, t.green_lo) >= 0 then 'pass'
            when t.method = 'up' and spc_side(p.upper, t.green_lo) < 0 then 'fail'
            when t.method = 'up' then 'hit_and_miss'
            when t.method = 'down' and spc_side(p.upper, t.green_hi) <= 0 then 'pass'
            when t.method = 'down' and spc_side(p.lower, t.green_hi) > 0 then 'fail'
            when t.method = 'down' then 'hit_and_miss'
            when t.method = 'band' and spc_side(p.lower, t.green_lo) >= 0 and spc_side(p.upper, t.green_hi) <= 0
                then 'pass'
            when t.method = 'band' and (spc_side(p.upper, t.green_lo) < 0 or spc_side(p.lower, t.green_hi) > 0)
                then 'fail'
            when t.method = 'band' then 'hit_and_miss'
            else 'none'
        end as assurance,
        case when p.unit = 'percent' then wilson_lo(p.numerator, p.denominator) end as interval_lo,
        case when p.unit = 'percent' then wilson_hi(p.numerator, p.denominator) end as interval_hi
    from points as p
    left join rag_thresholds as t using (indicator_id)
)

select * from judged
order by indicator_id, period_start;

-- name: baselines
-- Every recalculation point.
select indicator_id, view, start_period, updated_by, updated_at
from spc_baselines
order by indicator_id, view, start_period;

-- name: put_baseline
insert or replace into spc_baselines (indicator_id, view, start_period, updated_by, updated_at)
values ($indicator_id, $view, $start_period, $who, $at);

-- name: delete_baseline
delete from spc_baselines
where indicator_id = $indicator_id and view = $view and start_period = $start_period;
