-- order: 1
-- The partnership's area: its local authority code (text), its authorities' codes joined by commas
-- when it covers several (pan-county arrangements), or '0' before one is set.
with final as (
    select coalesce(
        (select nullif(value, '') from settings where key = 'la_codes'),
        (select value from settings where key = 'la_code'),
        '0'
    ) as area
)
select * from final
