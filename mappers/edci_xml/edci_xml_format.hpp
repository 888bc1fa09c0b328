#pragma once
#include "mappers/format.hpp"
namespace credgate::edci_xml {
Format format();
}
