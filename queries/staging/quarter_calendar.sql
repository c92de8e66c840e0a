-- order: 5
-- Every quarter from the first to the last one loaded, per area, gaps included.
with bounds as (
    select area, min(quarter_start) as first_quarter, max(quarter_start) as last_quarter
    from current_values
    group by area
),
final as (
    select area, cast(unnest(generate_series(first_quarter, last_quarter, interval 3 month)) as date)
        as quarter_start
    from bounds
)
select * from final
