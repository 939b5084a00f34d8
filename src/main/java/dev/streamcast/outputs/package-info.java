/**
 * Reading a run's committed output files back (the part files that {@code FileOutputs} writes, JSON lines or CSV
 * with a header, plain or {@code .gz}) into typed rows with Jackson: one reader for the run summary, the report
 * and the M5 evaluation. No Flink.
 */
package dev.streamcast.outputs;
