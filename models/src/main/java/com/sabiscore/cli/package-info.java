/** What every command line of SabiScore shares: how a failure is reported, and option converters. */
package com.sabiscore.cli;
