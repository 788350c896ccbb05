/**
 * Reading bookmaker prices: removing the margin (power method, Shin) and summarising a fixture's
 * market without depending on any one bookmaker.
 */
package com.sabiscore.market;
