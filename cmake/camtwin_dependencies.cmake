# Every dependency is a Debian package (scripts/setup installs them). Libraries that ship CMake
# config files are found with find_package, the GStreamer family with pkg-config.

find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(pugixml REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(PahoMqttCpp REQUIRED)

# What every camtwin library that hands Asio or spdlog objects to another must be built with:
# these definitions change the classes' layout, so libraries built without them would break the
# one-definition rule against those built with them (the pipelines' timers crashed under ASan).
# Asio without its deprecated interfaces; spdlog with the system fmt (Debian builds it so).
add_library(camtwin_common INTERFACE)
target_compile_definitions(camtwin_common INTERFACE BOOST_ASIO_NO_DEPRECATED SPDLOG_FMT_EXTERNAL)
target_link_libraries(camtwin_common INTERFACE Boost::boost spdlog::spdlog fmt::fmt)

find_package(PkgConfig REQUIRED)
pkg_check_modules(GSTREAMER REQUIRED IMPORTED_TARGET gstreamer-1.0>=1.20 gstreamer-app-1.0
                  gstreamer-video-1.0)
pkg_check_modules(GST_RTSP_SERVER REQUIRED IMPORTED_TARGET gstreamer-rtsp-server-1.0>=1.20)

if(CAMTWIN_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
  include(${CMAKE_CURRENT_LIST_DIR}/camtwin_testing.cmake)
endif()
