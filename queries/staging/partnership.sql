-- order: 1
-- The partnership's area: its local authority code (text), or '0' before one is set.
with final as (
    select coalesce((select value from settings where key = 'la_code'), '0') as area
)
select * from final
