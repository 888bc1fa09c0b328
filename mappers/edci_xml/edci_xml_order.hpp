// Child order of the EDCI 0.10.0 schema's sequences (xsd/schemas/edci-0.10.0/genericschema.xsd).
// The writer appends children as it maps them and puts back kept source elements (extras)
// wherever; sorting by this table afterwards puts every child at its schema position.
#pragma once

#include <libxml/tree.h>

namespace credgate::edci_xml {

// Sorts the element children of `parent` and of all its descendants into schema order
// (stable: children with the same name keep their order; unknown names go last).
void sort_into_schema_order(xmlNodePtr parent);

}  // namespace credgate::edci_xml
