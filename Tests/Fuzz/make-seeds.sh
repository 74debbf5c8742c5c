#!/bin/sh
# Seed corpora for the fuzz targets, made from the seed texts (nothing committed):
#   make-seeds.sh SEEDS_DIR OUT_DIR   ->   OUT_DIR/{parser,query,tokenizer,temporal,entities}/
set -eu
seeds=$1 out=$2
rm -rf "$out"
mkdir -p "$out/parser" "$out/query" "$out/tokenizer" "$out/temporal" "$out/entities" "$out/snapshot"
n=0
for f in "$seeds"/*.txt; do
    n=$((n + 1))
    # Parser: each file in pieces of 40 lines (heading, wrapped and paragraph shapes), and each
    # file's first 8 KB with CRLF line ends.
    split -l 40 -a 3 "$f" "$out/parser/f$n-"
    head -c 8192 "$f" | sed 's/$/\r/' > "$out/parser/f$n-crlf"
    # Tokenizer: each line (up to 2 KB).
    i=0
    while IFS= read -r line; do
        i=$((i + 1))
        printf '%s' "$line" | head -c 2048 > "$out/tokenizer/f$n-$i"
    done < "$f"
    # Temporal and entities: pieces of 12 lines (a few paragraphs, with their dates and places).
    split -l 12 -a 3 "$f" "$out/temporal/f$n-"
    for p in "$out"/temporal/f$n-*; do head -c 4096 "$p" > "$out/entities/${p##*/}"; head -c 4096 "$p" > "$p.tmp"; mv "$p.tmp" "$p"; done
    # Query: the first words of lines as queries (first line), with their line as the passage.
    i=0
    while IFS= read -r line; do
        i=$((i + 1))
        [ $((i % 3)) -eq 0 ] || continue
        q=$(printf '%s' "$line" | tr -s ' \t' '\n\n' | head -n 3 | tr '\n' ' ')
        printf '%s\n%s' "$q" "$line" | head -c 2048 > "$out/query/f$n-$i"
    done < "$f"
done
# Snapshot: pieces of text (whole, then with a few byte changes after a NUL: see FuzzSnapshot.swift).
for p in "$out"/entities/f1-* "$out"/entities/f2-*; do
    [ -f "$p" ] || continue
    head -c 1024 "$p" > "$out/snapshot/${p##*/}"
    { head -c 1024 "$p"; printf '\000\001\020A\000\200\377'; } > "$out/snapshot/${p##*/}-damaged"
done
# The query syntax itself.
i=0
for q in '"kwantung army"' 'manch*' 'harbin OR mukden' 'tank -kamikaze' '-"red army" soviet' \
         '"unbalanced' 'OR' '*' 'a OR b OR c -d -"e f"*' '“curly quotes”' 'Crème brûlée'; do
    i=$((i + 1))
    printf '%s\nThe Kwantung Army left Harbin; Manchuria and Mukden fell. Crème brûlée.' "$q" > "$out/query/syntax-$i"
done
echo "seeds: parser $(ls "$out/parser" | wc -l), query $(ls "$out/query" | wc -l), tokenizer $(ls "$out/tokenizer" | wc -l), temporal $(ls "$out/temporal" | wc -l), entities $(ls "$out/entities" | wc -l), snapshot $(ls "$out/snapshot" | wc -l)"
