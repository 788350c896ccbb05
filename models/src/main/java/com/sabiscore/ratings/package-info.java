/**
 * Rating maths with no state of its own: Elo with goal-difference weighting, Constantinou and
 * Fenton's pi-ratings, and the Dixon-Coles corrected Poisson score grid.
 */
package com.sabiscore.ratings;
