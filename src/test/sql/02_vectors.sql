# Vector operators and functions (pgvector meanings). Expected distances computed with Python's math
# module for the query vector q = [1, 0.5, 0.25].

statement ok
CREATE TABLE docs (id INTEGER PRIMARY KEY, category VARCHAR, emb FLOAT[3])

statement ok
INSERT INTO docs VALUES (1, 'news', ARRAY[1, 0, 0]), (2, 'blog', ARRAY[0, 1, 0]), (3, 'news', ARRAY[0, 0, 1]), (4, 'news', ARRAY[1, 1, 1]), (5, 'blog', NULL)

# Exact top-k by L2 distance, the vector as ARRAY[...], text, or a CAST.
query
SELECT id, emb <-> ARRAY[1, 0.5, 0.25] AS d FROM docs ORDER BY d LIMIT 3
----
1 | 0.5590170
4 | 0.9013878
2 | 1.1456439

query
SELECT id, emb <=> '[1, 0.5, 0.25]' AS d FROM docs ORDER BY d LIMIT 3
----
4 | 0.1180829
1 | 0.1271284
2 | 0.5635642

query
SELECT id, emb <#> CAST('[1, 0.5, 0.25]' AS FLOAT[3]) AS d FROM docs ORDER BY d LIMIT 3
----
4 | -1.75
1 | -1.0
2 | -0.5

query
SELECT l2_distance(emb, '[1,0.5,0.25]'), cosine_distance(emb, '[1,0.5,0.25]'), inner_product(emb, '[1,0.5,0.25]'), vector_dims(emb), vector_norm(emb) FROM docs WHERE id = 4
----
0.9013878 | 0.1180829 | 1.75 | 3 | 1.7320508

# Filtered top-k and radius search.
query
SELECT id FROM docs WHERE category = 'news' ORDER BY emb <-> '[1, 0.5, 0.25]' LIMIT 2
----
1
4

query
SELECT id FROM docs WHERE emb <-> '[1, 0.5, 0.25]' < 1 ORDER BY id
----
1
4

# Query by example.
query
SELECT id FROM docs WHERE id <> 4 ORDER BY emb <-> (SELECT emb FROM docs WHERE id = 4), id LIMIT 2
----
1
2

# NULL vectors give NULL distances, as in pgvector.
query
SELECT emb <-> ARRAY[1, 2, 3], vector_dims(emb) FROM docs WHERE id = 5
----
NULL | NULL

query
SELECT emb FROM docs WHERE id = 4
----
[1.0, 1.0, 1.0]

# Without a table the operators run in Java.
query
SELECT ARRAY[3, 4] <-> '[0, 0]', '[1, 0]' <=> ARRAY[0, 1], CAST('[1, 2]' AS FLOAT[2]) <#> ARRAY[3, 4]
----
5.0 | 1.0 | -11.0
