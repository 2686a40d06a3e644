-- ind_parse_period reads periods as the files' period columns are read.
CREATE EXTENSION indicators;
SELECT s, (ind_parse_period(s)).*
FROM unnest(ARRAY['2023', ' 2023年 ', '2024H1', '2024年上半年', '2024年下半年', '2023Q3',
                  'Q3 2023', '2023年第三季度', '2023-06', '2023M6', '2023年6月']) AS s;
-- errors: SQLSTATE 22007 with the text quoted
\set VERBOSITY sqlstate
SELECT ind_parse_period('2023Q5');
\set VERBOSITY default
SELECT ind_parse_period('next year');
SELECT ind_parse_period(NULL) IS NULL AS strict;
