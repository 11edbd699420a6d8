/**
 * The immutable records that flow through samtal's stages: {@link org.samtal.model.Recording},
 * {@link org.samtal.model.Transcript} and its {@link org.samtal.model.Turn}s, the {@link org.samtal.model.TextUnit}s
 * aligners place in time, and the {@link org.samtal.model.Segment}s a corpus is made of.
 */
package org.samtal.model;
