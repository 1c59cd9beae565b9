package dev.runway.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Roots Runway's REST API at {@code /runway/api}. */
@ApplicationPath("api")
public class RunwayApplication extends Application {}
