-- order: 4
-- The value in force per (agency, quarter, measure): the latest loaded submission that gave one.
-- A blank cell never hides an earlier figure (rows in state 'missing' lose to any other row);
-- commentary is the latest non-empty one given for that value.
with loaded as (
    select v.*, s.loaded_at
    from submission_values as v
    join submissions as s using (submission_id)
    where s.status = 'loaded'
),
ranked as (
    select
        *,
        row_number() over (
            partition by agency, quarter_start, measure
            order by state = 'missing', submission_id desc
        ) as position,
        last_value(commentary ignore nulls) over (
            partition by agency, quarter_start, measure
            order by submission_id
            rows between unbounded preceding and unbounded following
        ) as latest_commentary
    from loaded
),
final as (
    select
        partnership.area, agency, quarter_start, measure, state, value,
        latest_commentary as commentary, source_cell, submission_id, loaded_at
    from ranked
    cross join partnership
    where position = 1
)
select * from final
