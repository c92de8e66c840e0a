-- name: benchmark_sources
-- The published credit of every DfE benchmark code.
select lait_code, title, source, source_url
from ref_benchmark_measures
order by lait_code;
