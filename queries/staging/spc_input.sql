-- order: 9
-- The series the process-control macros (queries/spc.sql) read: every indicator value of the
-- partnership's area with its unit and polarity. A temporary view of the same name hides it (a test's
-- hand-worked series).
with final as (
    select
        v.indicator_id,
        v.view,
        v.period_start,
        v.value,
        v.numerator,
        v.denominator,
        d.unit,
        d.polarity
    from indicator_values as v
    inner join indicator_definitions as d using (indicator_id)
    where v.area = (select area from partnership) and v.value is not null
)

select * from final
