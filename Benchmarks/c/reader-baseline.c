/*
 * The limit for the benchmarks: read a portfolio with libxml2's
 * xmlTextReader, visiting every element and every attribute (name and
 * value), and do nothing else. No validation, no model, no network.
 *
 *   gcc -O2 reader-baseline.c $(pkg-config --cflags --libs libxml-2.0) -o reader-baseline
 *   ./reader-baseline FILE
 *
 * Prints: bytes, elements, attributes, flats, seconds, MB/s.
 */
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  struct stat info;
  if (stat(argv[1], &info) != 0) {
    perror(argv[1]);
    return 2;
  }
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  xmlTextReaderPtr reader = xmlReaderForFile(argv[1], NULL, XML_PARSE_NONET);
  if (reader == NULL) {
    fprintf(stderr, "%s: cannot open\n", argv[1]);
    return 2;
  }
  unsigned long elements = 0, attributes = 0, flats = 0, touched = 0;
  int status;
  while ((status = xmlTextReaderRead(reader)) == 1) {
    if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT) continue;
    elements += 1;
    const xmlChar *name = xmlTextReaderConstLocalName(reader);
    if (name != NULL && strcmp((const char *)name, "flat") == 0) flats += 1;
    while (xmlTextReaderMoveToNextAttribute(reader) == 1) {
      attributes += 1;
      const xmlChar *attribute = xmlTextReaderConstLocalName(reader);
      const xmlChar *value = xmlTextReaderConstValue(reader);
      /* Touch both, so that nothing is optimised away. */
      if (attribute != NULL) touched += attribute[0];
      if (value != NULL) touched += value[0];
    }
  }
  xmlFreeTextReader(reader);
  clock_gettime(CLOCK_MONOTONIC, &end);
  if (status != 0) {
    fprintf(stderr, "%s: not well-formed\n", argv[1]);
    return 1;
  }
  double seconds = (double)(end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
  printf("bytes %lld elements %lu attributes %lu flats %lu seconds %.3f MB/s %.1f (%lu)\n",
         (long long)info.st_size, elements, attributes, flats, seconds,
         info.st_size / 1e6 / seconds, touched % 10);
  return 0;
}
