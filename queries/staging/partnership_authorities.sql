-- order: 2
-- Each local authority the partnership covers (one row per authority of its area).
with final as (
    select area, cast(unnest(string_split(area, ',')) as integer) as la_code
    from partnership
)
select * from final
