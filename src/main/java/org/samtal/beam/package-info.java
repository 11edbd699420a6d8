/**
 * The build as an Apache Beam pipeline: the intake's work items, the resume check, one fused step per recording
 * (decode, detect, read, align, screen, cut, write its clips and rows; engines set up once per worker), then the
 * global steps, duplicate detection and corpus assembly. The same definition runs in this process (DirectRunner)
 * and on a Flink or Spark cluster ({@link org.samtal.beam.CorpusBuild}).
 */
package org.samtal.beam;
