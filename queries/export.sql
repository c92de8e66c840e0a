-- name: commentary
-- Partners' commentary on $measures for the quarters from $first to $last, newest quarter first.
select agency, quarter_start, measure, trim(commentary) as commentary
from current_values
where list_contains($measures, measure)
    and quarter_start between $first and $last
    and commentary is not null
    and trim(commentary) <> ''
order by quarter_start desc, agency asc, measure asc;

-- name: benchmark_sources
-- The published credit of every DfE benchmark code.
select lait_code, title, source, source_url
from ref_benchmark_measures
order by lait_code;
