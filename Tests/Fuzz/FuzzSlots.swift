// Slots for fuzz targets whose code lives on other branches. When the code lands on main:
//  1. write the function below (check its invariants with `require`),
//  2. add it to `fuzzTargets` in Main.swift and its name to FUZZ_TARGETS in the Makefile,
//  3. give it seeds in the Makefile's fuzz-seeds rule (the seed texts serve for both).
//
// "temporal" — the temporal tagger (events branch): text → dates/intervals. Invariants to check:
//   every mention's scalar range lies inside the text and cuts out the words it came from;
//   every ISO date is valid (month 1–12, day within the month); intervals have start <= end.
// func fuzzTemporal(_ bytes: UnsafeBufferPointer<UInt8>) { }
//
// "entities" — the entity linker (gazetteer, order of battle): text → entity mentions. Invariants:
//   ranges inside the text and non-overlapping; every linked id exists in the curated data.
// func fuzzEntities(_ bytes: UnsafeBufferPointer<UInt8>) { }
