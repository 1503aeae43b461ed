# Plain SQL over DuckDB tables through jdbc:eider: (format: see SqlScript in jdbc-server tests).

statement ok
CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR, category VARCHAR, year INTEGER, score DOUBLE)

statement ok
CREATE TABLE categories (name VARCHAR PRIMARY KEY, label VARCHAR)

statement ok
INSERT INTO docs VALUES (1, 'alpha', 'news', 2020, 0.5), (2, 'beta', 'blog', 2021, 1.5), (3, 'gamma', 'news', 2022, 2.5)

statement ok
INSERT INTO categories VALUES ('news', 'News'), ('blog', 'Blog')

# Unquoted names match any case; year, day, value... are usable column names.
query
SELECT ID, Title FROM Docs WHERE YEAR >= 2021 ORDER BY id
----
2 | beta
3 | gamma

query
SELECT category, count(*), sum(score) FROM docs GROUP BY category ORDER BY category
----
blog | 1 | 1.5
news | 2 | 3.0

query
SELECT d.title, c.label FROM docs d JOIN categories c ON d.category = c.name WHERE c.label = 'News' ORDER BY d.id
----
alpha | News
gamma | News

statement ok
UPDATE docs SET score = score * 2 WHERE category = 'news'

statement ok
DELETE FROM docs WHERE id = 2

query
SELECT id, score FROM docs ORDER BY id
----
1 | 1.0
3 | 5.0

statement error nope
SELECT nope FROM docs

statement ok
DROP TABLE categories

statement error categories
SELECT * FROM categories

# Time units are still keywords where SQL needs them.
query
SELECT EXTRACT(YEAR FROM DATE '2021-03-04'), EXTRACT(MONTH FROM DATE '2021-03-04'), DATE '2021-03-04' + INTERVAL '1' DAY, TIMESTAMP '2021-03-04 05:06:07' + INTERVAL '2' HOUR
----
2021 | 3 | 2021-03-05 | 2021-03-04 07:06:07.0
