-- order: 7
-- Each measure per period in both views, with a status saying why a value is absent.
-- Quarter view: the quarter's value, and for flows the rolling 12 months ending in the quarter.
-- Year view: flows summed over the four quarters, stocks at Q4; a year short of a quarter is
-- 'incomplete', never silently summed. Not-applicable quarters add nothing to a sum.
with quarters as (
    select
        *,
        case state when 'number' then value when 'not_applicable' then 0 end as summable,
        case state
            when 'number' then 'ok'
            when 'suppressed' then 'suppressed'
            when 'not_applicable' then 'not_applicable'
            else 'missing'
        end as status
    from measure_quarters
),
windowed as (
    select
        *,
        count(*) over last_four as rolling_quarters,
        count(summable) over last_four as rolling_summable,
        count(*) filter (where state = 'suppressed') over last_four as rolling_suppressed,
        count(*) filter (where state = 'number') over last_four as rolling_numbers,
        sum(summable) over last_four as rolling_sum
    from quarters
    window last_four as (
        partition by area, measure order by quarter_start rows between 3 preceding and current row
    )
),
quarter_view as (
    select
        area,
        'quarter' as view,
        quarter_start as period_start,
        measure,
        basis,
        case when state = 'number' then value end as value,
        status,
        case
            when basis = 'stock' then case when state = 'number' then value end
            when rolling_quarters = 4 and rolling_summable = 4 and rolling_numbers > 0 then rolling_sum
        end as rolling_value,
        case
            when basis = 'stock' then status
            when rolling_quarters < 4 then 'short_history'
            when rolling_suppressed > 0 then 'suppressed'
            when rolling_summable < 4 then 'incomplete'
            when rolling_numbers = 0 then 'not_applicable'
            else 'ok'
        end as rolling_status
    from windowed
),
years as (
    select
        area,
        make_date(fy_start_year, 4, 1) as period_start,
        measure,
        basis,
        count(*) as quarters,
        count(summable) as summable_quarters,
        count(*) filter (where state = 'number') as number_quarters,
        count(*) filter (where state = 'suppressed') as suppressed_quarters,
        sum(summable) as total,
        max(case when month(quarter_start) = 1 then state end) as q4_state,
        max(case when month(quarter_start) = 1 then value end) as q4_value
    from quarters
    group by area, fy_start_year, measure, basis
),
year_view as (
    select
        area,
        'year' as view,
        period_start,
        measure,
        basis,
        case
            when basis = 'stock' then case when q4_state = 'number' then q4_value end
            when quarters = 4 and summable_quarters = 4 and number_quarters > 0 then total
        end as value,
        case
            when basis = 'stock' then case coalesce(q4_state, 'absent')
                when 'number' then 'ok'
                when 'suppressed' then 'suppressed'
                when 'not_applicable' then 'not_applicable'
                else 'incomplete'
            end
            when suppressed_quarters > 0 then 'suppressed'
            when quarters < 4 or summable_quarters < 4 then 'incomplete'
            when number_quarters = 0 then 'not_applicable'
            else 'ok'
        end as status
    from years
),
final as (
    select area, view, period_start, measure, basis, value, status, rolling_value, rolling_status
    from quarter_view
    union all
    select area, view, period_start, measure, basis, value, status, value as rolling_value, status as rolling_status
    from year_view
)
select * from final
