#pragma once

namespace camsim {

// The part of the PTZ state that the picture shows, in the camera's own units: tenths of a degree
// for azimuth (0..3600) and elevation (positive points down), and tenths of magnification for zoom
// (10 = 1x). The PTZ model produces it; the video side only reads it.
struct camera_view {
    int azimuth = 0;
    int elevation = 0;
    int zoom = 10;
};

}  // namespace camsim
