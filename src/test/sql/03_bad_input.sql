# Bad vectors and limits: a clear error naming the problem, and nothing changes.

statement ok
CREATE TABLE docs (id INTEGER PRIMARY KEY, title VARCHAR, emb FLOAT[3])

statement ok
INSERT INTO docs VALUES (1, 'a', ARRAY[1, 0, 0]), (2, 'b', ARRAY[0, 1, 0])

statement error vector dimensions differ: 3 and 2
SELECT emb <-> ARRAY[1, 2] FROM docs

statement error element 2 of the vector is NaN
SELECT emb <-> '[1, NaN, 3]' FROM docs

statement error element 3 of the vector is infinite
SELECT emb <=> '[1, 2, -Infinity]' FROM docs

statement error is empty
SELECT emb <#> '[]' FROM docs

statement error is not a number: 'abc'
SELECT emb <-> '[1, abc, 3]' FROM docs

statement error must be a vector
SELECT emb <-> 42 FROM docs

statement error vector dimensions differ
INSERT INTO docs SELECT id + 10, title, emb FROM docs WHERE emb <-> '[1, 2]' < 3

query
SELECT id FROM docs ORDER BY emb <-> '[1, 0, 0]' LIMIT 0
----

query
SELECT count(*) FROM docs
----
2
