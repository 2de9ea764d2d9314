package io.tierserve.platform.cascade;

import java.util.List;
import java.util.UUID;

/** A stage as the API shows it; parent and skip targets by name, position in topological order. */
record StageResponse(UUID id, String name, int position, String parent, String description, List<String> skipTo) {}
